package io.bookpay.claim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An insurance claim: what was claimed per service, what the plan's rules expect to cover
 * ({@code expectedCoveredAmount}, after copays and the member's annual limits), what the payer
 * approved, and the payment it became on the invoice ({@code paymentId}).
 */
public record Claim(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID customerId,
    UUID planId,
    UUID enrolmentId,
    UUID bookingId,
    UUID invoiceId,
    ClaimStatus status,
    String currency,
    LocalDate serviceDate,
    List<Item> items,
    long claimedAmount,
    long expectedCoveredAmount,
    Long approvedAmount,
    UUID paymentId,
    String notes,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public record Item(UUID serviceId, long amount, long coveredAmount) {}

  Claim withItems(List<Item> list) {
    return new Claim(id, tenantId, customerId, planId, enrolmentId, bookingId, invoiceId, status, currency, serviceDate, list,
        claimedAmount, expectedCoveredAmount, approvedAmount, paymentId, notes, version, createdAt, updatedAt);
  }
}
