package io.bookpay.platform.clock;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Cryptographic randomness that is safe to draw on an event-loop thread. The platform default on
 * Linux (NativePRNG) reads {@code /dev/urandom} on every call, which is blocking file I/O; DRBG
 * reads its seed once, here, and then generates in memory.
 */
public final class Randomness {

  private Randomness() {}

  public static SecureRandom secureRandom() {
    try {
      SecureRandom random = SecureRandom.getInstance("DRBG");
      random.nextBytes(new byte[16]); // seed now, off the event loop
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without DRBG", e);
    }
  }
}
