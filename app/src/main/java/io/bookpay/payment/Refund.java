package io.bookpay.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
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
    @Schema(description = "Money of this refund whose delivered value (gift-card balance, package sessions) was spent and could"
        + " not be taken back; only refunds made at the processor can have one. A person settles it with the client.")
    long reversalShortfall,
    Instant createdAt,
    Instant updatedAt) {}
