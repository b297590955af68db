package io.bookpay.giftcard;

import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.security.Digests;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Gift card codes: 20 characters of Crockford base32 (100 random bits) shown in groups of four,
 * e.g. {@code GC-7K2Q-...}. People type them, so lookups ignore case, spaces and dashes, and read
 * O as 0 and I/L as 1. Only SHA-256 of the normalised code is stored.
 */
final class GiftCardCodes {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int LENGTH = 20;

  private final SecureRandom random = Randomness.secureRandom();

  String generate() {
    StringBuilder code = new StringBuilder("GC");
    for (int i = 0; i < LENGTH; i++) {
      if (i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  /** The 20 significant characters, or null when the input cannot be a code. */
  static String normalise(String code) {
    if (code == null || code.length() > 64) {
      return null;
    }
    String s = code.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    if (s.startsWith("GC")) {
      s = s.substring(2);
    }
    s = s.replace('O', '0').replace('I', '1').replace('L', '1');
    if (s.length() != LENGTH) {
      return null;
    }
    for (char c : s.toCharArray()) {
      if (new String(ALPHABET).indexOf(c) < 0) {
        return null;
      }
    }
    return s;
  }

  static String last4(String code) {
    String s = normalise(code);
    return s.substring(LENGTH - 4);
  }

  static ByteBuffer hash(String normalised) {
    return ByteBuffer.wrap(Digests.sha256(normalised));
  }
}
