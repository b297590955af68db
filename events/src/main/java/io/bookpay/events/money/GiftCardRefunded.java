package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A refund of a payment the card made put {@code amount} back on it; {@code balance} is what it holds now. */
@EventType("GiftCardRefunded")
public record GiftCardRefunded(UUID giftCardId, UUID invoiceId, UUID paymentId, UUID refundId, long amount, long balance,
    String currency) implements GiftCardEvent {}
