package io.bookpay.platform.secrets;

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
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets Bookpay must be able to read back (webhook signing secrets, tenants' Stripe
 * keys) with AES-256-GCM. The key comes from the configuration only ({@link SecretsProperties});
 * a ciphertext is nonce ‖ sealed bytes.
 */
@Component
public class SecretBox {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = Randomness.secureRandom();

  SecretBox(SecretsProperties properties, Environment environment) {
    String configured = properties.key() != null && !properties.key().isBlank() ? properties.key()
        : environment.getProperty(SecretsProperties.LEGACY_PROPERTY);
    if (configured == null || configured.isBlank()) {
      key = null;
      return;
    }
    byte[] bytes = Base64.getDecoder().decode(configured.strip());
    if (bytes.length != 32) {
      throw new IllegalStateException("bookpay.secrets.key must be base64 of 32 bytes, not " + bytes.length);
    }
    key = new SecretKeySpec(bytes, "AES");
  }

  public boolean configured() {
    return key != null;
  }

  public byte[] seal(String secret) {
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

  public String open(byte[] ciphertext) {
    requireKey();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
      return new String(cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not decrypt a secret (was bookpay.secrets.key changed?)", e);
    }
  }

  private void requireKey() {
    if (key == null) {
      throw new ApiException(ProblemType.UNAVAILABLE,
          "Stored secrets are not available: the operator has not set bookpay.secrets.key (BOOKPAY_SECRETS_KEY).");
    }
  }
}
