package io.bookpay.claim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The insurance reference data: plans, their coverage rules and benefits, and member enrolments. */
final class Insurance {

  private Insurance() {}

  record Plan(UUID id, @JsonIgnore UUID tenantId, String name, String payer, String planCode, boolean active, long version,
      Instant createdAt, Instant updatedAt) {}

  /** The plan pays {@code coveragePercent} of (amount − copay) for the service, at most {@code annualLimitAmount} a member a year. */
  record CoverageRule(UUID id, @JsonIgnore UUID tenantId, UUID planId, UUID serviceId, BigDecimal coveragePercent, long copayAmount,
      Long annualLimitAmount, String currency, long version, Instant createdAt, Instant updatedAt) {}

  record Benefit(UUID id, @JsonIgnore UUID tenantId, UUID planId, String description, BigDecimal discountPercent, long version,
      Instant createdAt, Instant updatedAt) {}

  record Enrolment(UUID id, @JsonIgnore UUID tenantId, UUID planId, UUID customerId, String memberNumber, LocalDate validFrom,
      LocalDate validUntil, long version, Instant createdAt, Instant updatedAt) {

    boolean covers(LocalDate day) {
      return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }
  }
}
