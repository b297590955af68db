package io.bookpay.webhook;

import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets Bookpay must be able to read back (webhook signing secrets) with AES-256-GCM.
 * The key comes from the configuration only; a ciphertext is nonce ‖ sealed bytes.
 */
@Component
class SecretBox {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = Randomness.secureRandom();

  SecretBox(WebhookProperties properties) {
    String configured = properties.secretKey();
    if (configured == null || configured.isBlank()) {
      key = null;
      return;
    }
    byte[] bytes = Base64.getDecoder().decode(configured.strip());
    if (bytes.length != 32) {
      throw new IllegalStateException("bookpay.webhooks.secret-key must be base64 of 32 bytes, not " + bytes.length);
    }
    key = new SecretKeySpec(bytes, "AES");
  }

  boolean configured() {
    return key != null;
  }

  byte[] seal(String secret) {
    requireKey();
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt a secret", e);
    }
  }

  String open(byte[] ciphertext) {
    requireKey();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
      return new String(cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not decrypt a secret (was bookpay.webhooks.secret-key changed?)", e);
    }
  }

  private void requireKey() {
    if (key == null) {
      throw new ApiException(ProblemType.UNAVAILABLE,
          "Webhook secrets are not available: the operator has not set bookpay.webhooks.secret-key (BOOKPAY_WEBHOOKS_SECRET_KEY).");
    }
  }
}
