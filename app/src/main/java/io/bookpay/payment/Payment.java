package io.bookpay.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * Money taken (or, PENDING, being taken) for an invoice; {@code amountRefunded} has gone back.
 * {@code capturedAfterCancelAt}: the processor took the money of this CANCELED payment after all
 * (it was refunded at once and never counted on the invoice).
 */
public record Payment(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID invoiceId,
    PaymentMethod method,
    PaymentStatus status,
    long amount,
    String currency,
    long amountRefunded,
    long amountRefundPending,
    UUID giftCardId,
    String gatewayReference,
    String failureReason,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant capturedAfterCancelAt,
    Instant createdAt,
    Instant updatedAt) {

  /** What can still be refunded. */
  long refundable() {
    return amount - amountRefunded - amountRefundPending;
  }
}
