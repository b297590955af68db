package io.bookpay.link;

import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.security.Digests;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Link tokens: 256 random bits, URL-safe base64 (43 characters). Only SHA-256 of a token is stored. */
final class LinkTokens {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private final SecureRandom random = Randomness.secureRandom();

  String generate() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a string could be a token at all; anything else is unknown without a lookup. */
  static boolean wellFormed(String token) {
    return token != null && SHAPE.matcher(token).matches();
  }

  static ByteBuffer hash(String token) {
    return ByteBuffer.wrap(Digests.sha256(token));
  }
}
