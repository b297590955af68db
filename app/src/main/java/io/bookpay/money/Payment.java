package io.bookpay.money;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** Money taken (or, PENDING, being taken) for an invoice; {@code amountRefunded} has gone back. */
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
    Instant createdAt,
    Instant updatedAt) {

  /** What can still be refunded. */
  long refundable() {
    return amount - amountRefunded - amountRefundPending;
  }
}
