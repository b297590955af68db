package io.bookpay.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminToken the operator token for {@code /v1/admin/**} ({@code BOOKPAY_ADMIN_TOKEN}); when
 *     unset, admin endpoints refuse every request
 * @param apiKeyCacheTtl how long an authenticated key is trusted without asking the database. A key
 *     revoked through another instance keeps working here for at most this long; 0 turns caching off
 */
@ConfigurationProperties("bookpay")
public record SecurityProperties(String adminToken, @DefaultValue("10s") Duration apiKeyCacheTtl) {}
