package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A refund of the invoice that sold the card took {@code amount} of its value back; {@code balance} is what is left. */
@EventType("GiftCardReversed")
public record GiftCardReversed(UUID giftCardId, UUID invoiceId, UUID refundId, long amount, long balance, String currency)
    implements GiftCardEvent {}
