package io.bookpay.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreVersion7WithTheClocksMilliseconds() {
    Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
    Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID id = ids.next();
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void laterIdsSortAfterEarlierOnes() {
    UUID earlier = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
    UUID later = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).next();
    assertThat(earlier.toString()).isLessThan(later.toString());
  }
}
