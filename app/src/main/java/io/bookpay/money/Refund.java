package io.bookpay.money;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** Money given back on a payment: to the card, the gift card, or (cash, external) by the business. */
public record Refund(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID paymentId,
    UUID invoiceId,
    PaymentStatus status,
    long amount,
    String currency,
    String reason,
    String gatewayReference,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {}
