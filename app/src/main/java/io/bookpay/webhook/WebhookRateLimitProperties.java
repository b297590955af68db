package io.bookpay.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on the anonymous webhook endpoint, checked before its body is read: per endpoint (the
 * tenant in the path) and per client address. Each allows {@code capacity} requests at once and
 * refills that many per {@code period}.
 *
 * @param trustedProxies peers whose X-Forwarded-For is believed (IPs or CIDR blocks)
 */
@ConfigurationProperties("bookpay.webhooks.rate-limits")
public record WebhookRateLimitProperties(
    @DefaultValue("1000") long perTenantCapacity,
    @DefaultValue("1s") Duration perTenantPeriod,
    @DefaultValue("2000") long perIpCapacity,
    @DefaultValue("1s") Duration perIpPeriod,
    @DefaultValue List<String> trustedProxies) {}
