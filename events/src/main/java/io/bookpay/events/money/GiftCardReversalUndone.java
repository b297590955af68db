package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The refund that took {@code amount} off the card failed, so the value is back on it. */
@EventType("GiftCardReversalUndone")
public record GiftCardReversalUndone(UUID giftCardId, UUID invoiceId, UUID refundId, long amount, long balance, String currency)
    implements GiftCardEvent {}
