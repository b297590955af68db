package io.bookpay.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminToken the operator token for {@code /v1/admin/**} ({@code BOOKPAY_ADMIN_TOKEN}), at
 *     least 32 characters; when unset, admin endpoints refuse every request
 * @param apiKeyCacheTtl how long an authenticated key is trusted without asking the database. A key
 *     revoked through another instance keeps working here for at most this long; 0 turns caching off
 */
@ConfigurationProperties("bookpay")
public record SecurityProperties(String adminToken, @DefaultValue("10s") Duration apiKeyCacheTtl) {

  public SecurityProperties {
    if (adminToken != null && !adminToken.isBlank() && adminToken.length() < OperatorToken.MIN_LENGTH) {
      throw new IllegalArgumentException("bookpay.admin-token (BOOKPAY_ADMIN_TOKEN) has " + adminToken.length()
          + " characters; it must have at least " + OperatorToken.MIN_LENGTH + " (e.g. openssl rand -base64 32)");
    }
  }
}
