package io.bookpay.platform.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key base64 of 32 random bytes: the AES key that seals the secrets Bookpay must read back
 *     (webhook signing secrets, tenants' Stripe keys). Environment {@code BOOKPAY_SECRETS_KEY}; the
 *     older name {@code bookpay.webhooks.secret-key} ({@code BOOKPAY_WEBHOOKS_SECRET_KEY}) is still
 *     read when this one is unset, so existing installations keep their ciphertexts readable.
 */
@ConfigurationProperties("bookpay.secrets")
public record SecretsProperties(String key) {

  /** The older name of the same key. */
  public static final String LEGACY_PROPERTY = "bookpay.webhooks.secret-key";
}
