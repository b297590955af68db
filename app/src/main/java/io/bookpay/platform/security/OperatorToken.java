package io.bookpay.platform.security;

import java.security.MessageDigest;

/**
 * The operator token, kept only as its SHA-256. Presented tokens are hashed too and the digests
 * compared in constant time, so neither the time taken nor an early exit tells the token's length.
 */
final class OperatorToken {

  /** The shortest token accepted: with fewer characters a token could be guessed. */
  static final int MIN_LENGTH = 32;

  private final byte[] digest;

  /** @param token null or blank: no operator token, every operator request is refused */
  OperatorToken(String token) {
    this.digest = token == null || token.isBlank() ? null : Digests.sha256(token);
  }

  boolean matches(String presented) {
    return digest != null && presented != null && MessageDigest.isEqual(digest, Digests.sha256(presented));
  }
}
