package io.bookpay.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.claim.Insurance.CoverageRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoverageMathTest {

  private final UUID service = UUID.randomUUID();

  private CoverageRule rule(String percent, long copay, Long limit) {
    return new CoverageRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), service, new BigDecimal(percent), copay, limit, "USD",
        0, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void percentOfWhatIsLeftAfterTheCopayRoundedHalfUp() {
    var covered = CoverageMath.cover(List.of(new CoverageMath.Requested(service, 10_001)), Map.of(service, rule("12.5", 1_000, null)), Map.of());
    assertThat(covered.get(0).coveredAmount()).isEqualTo(1_125); // 12.5 % of 9,001 = 1,125.125
  }

  @Test
  void theAnnualLimitCountsWhatWasUsedAndWhatThisClaimTakes() {
    var covered = CoverageMath.cover(
        List.of(new CoverageMath.Requested(service, 10_000), new CoverageMath.Requested(service, 10_000)),
        Map.of(service, rule("100", 0, 15_000L)), Map.of(service, 4_000L));
    assertThat(covered).extracting(i -> i.coveredAmount()).containsExactly(10_000L, 1_000L);
  }

  @Test
  void noRuleNoCoverageAndNeverBelowZero() {
    UUID other = UUID.randomUUID();
    var covered = CoverageMath.cover(List.of(new CoverageMath.Requested(other, 5_000), new CoverageMath.Requested(service, 500)),
        Map.of(service, rule("80", 2_000, 1_000L)), Map.of(service, 9_999L));
    assertThat(covered).extracting(i -> i.coveredAmount()).containsExactly(0L, 0L);
  }
}
