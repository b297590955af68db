package io.bookpay.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the operator token for {@code /v1/admin/**} ({@code BOOKPAY_ADMIN_TOKEN}); when
 *     unset, admin endpoints refuse every request
 */
@ConfigurationProperties("bookpay")
public record SecurityProperties(String adminToken) {}
