package io.bookpay.platform.clock;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * New rows land at the right edge of a B-tree index instead of at random pages.
 */
@Component
public class Ids {

  private final Clock clock;
  private final SecureRandom random = Randomness.secureRandom();

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public UUID next() {
    long millis = clock.millis();
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    long msb = (millis << 16) | 0x7000L | ((bytes[0] & 0x0FL) << 8) | (bytes[1] & 0xFFL);
    long lsb = 0x8000_0000_0000_0000L | ((bytes[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) {
      lsb |= (bytes[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(msb, lsb);
  }
}
