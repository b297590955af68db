package io.bookpay.money;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * Money given back on a payment: to the card, the gift card, or (cash, external) by the business.
 * {@code reversalShortfall}: the part of it whose delivered value (gift-card balance, package
 * sessions) could not be taken back because it was spent; only a refund made at the processor can
 * have one, and a person settles it with the client.
 */
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
    long reversalShortfall,
    Instant createdAt,
    Instant updatedAt) {}
