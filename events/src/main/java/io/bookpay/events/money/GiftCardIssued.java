package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** The card holds {@code amount} and can be redeemed; {@code invoiceId} is set when it was sold on one. */
@EventType("GiftCardIssued")
public record GiftCardIssued(UUID giftCardId, UUID customerId, UUID invoiceId, long amount, String currency, Instant expiresAt)
    implements GiftCardEvent {}
