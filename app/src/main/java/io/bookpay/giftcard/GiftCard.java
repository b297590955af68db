package io.bookpay.giftcard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A gift card as listed: never with its code, only the code's last four characters. */
public record GiftCard(
    UUID id,
    @JsonIgnore UUID tenantId,
    String last4,
    String currency,
    long initialAmount,
    long balance,
    GiftCardStatus status,
    UUID customerId,
    UUID invoiceId,
    Instant expiresAt,
    Instant createdAt) {

  boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
