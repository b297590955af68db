package io.bookpay.dashboard;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's sessions and sign-in limits.
 *
 * @param sessionLifetime how long a session lasts at most from sign-in, however active
 * @param idleTimeout how long a session lasts without a request
 * @param loginAttempts sign-in attempts per client address per {@code loginPeriod} (then 429)
 * @param trustedProxies peers whose X-Forwarded-For is believed for the per-address limit (IPs or CIDR blocks)
 * @param sweepInterval how often ended sessions are deleted
 */
@ConfigurationProperties("bookpay.dashboard")
public record DashboardProperties(
    @DefaultValue("12h") Duration sessionLifetime,
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("10") int loginAttempts,
    @DefaultValue("1m") Duration loginPeriod,
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("10m") Duration sweepInterval) {

  public DashboardProperties {
    if (sessionLifetime.isNegative() || sessionLifetime.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("bookpay.dashboard.session-lifetime and idle-timeout must be positive");
    }
    if (loginAttempts < 1) {
      throw new IllegalArgumentException("bookpay.dashboard.login-attempts must be at least 1");
    }
  }
}
