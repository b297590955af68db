package io.bookpay.claim;

import io.bookpay.claim.Insurance.CoverageRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a plan covers of a claim: per item, {@code coveragePercent} of (amount − copay), rounded
 * half up, and never more than what is left of the service's annual limit for the member this
 * calendar year ({@code used} holds what the member's other claims already took, per service).
 * A service without a rule is not covered.
 */
final class CoverageMath {

  record Requested(UUID serviceId, long amount) {}

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private CoverageMath() {}

  static List<Claim.Item> cover(List<Requested> items, Map<UUID, CoverageRule> rules, Map<UUID, Long> used) {
    Map<UUID, Long> taken = new HashMap<>(used);
    List<Claim.Item> covered = new ArrayList<>(items.size());
    for (Requested item : items) {
      CoverageRule rule = rules.get(item.serviceId());
      if (rule == null) {
        covered.add(new Claim.Item(item.serviceId(), item.amount(), 0));
        continue;
      }
      long base = Math.max(0, item.amount() - rule.copayAmount());
      long amount = BigDecimal.valueOf(base).multiply(rule.coveragePercent()).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
      if (rule.annualLimitAmount() != null) {
        long left = Math.max(0, rule.annualLimitAmount() - taken.getOrDefault(item.serviceId(), 0L));
        amount = Math.min(amount, left);
      }
      taken.merge(item.serviceId(), amount, Long::sum);
      covered.add(new Claim.Item(item.serviceId(), item.amount(), amount));
    }
    return covered;
  }
}
