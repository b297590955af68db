package io.bookpay.platform.security;

import io.bookpay.platform.clock.Randomness;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code bpk_<prefix>_<secret>}. The prefix (64 random bits) finds the row;
 * the secret (256 random bits) proves possession. Only SHA-256 of the whole key is stored: a fast
 * hash is right for 256 random bits, which no one can guess.
 */
final class ApiKeyFormat {

  private static final Pattern SHAPE = Pattern.compile("bpk_([A-Za-z0-9_-]{11})_([A-Za-z0-9_-]{43})");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = Randomness.secureRandom();

  record NewKey(String key, String prefix, byte[] hash) {}

  NewKey generate() {
    byte[] prefix = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(prefix);
    random.nextBytes(secret);
    String prefixText = BASE64URL.encodeToString(prefix);
    String key = "bpk_" + prefixText + "_" + BASE64URL.encodeToString(secret);
    return new NewKey(key, prefixText, sha256(key));
  }

  /** The prefix of a well-formed key, or empty for anything else. */
  static Optional<String> prefixOf(String key) {
    Matcher matcher = SHAPE.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  static byte[] sha256(String value) {
    return Digests.sha256(value);
  }

  /** Constant-time comparison, so response time tells nothing about how much of a hash matched. */
  static boolean sameHash(byte[] presentedHash, byte[] storedHash) {
    return MessageDigest.isEqual(presentedHash, storedHash);
  }
}
