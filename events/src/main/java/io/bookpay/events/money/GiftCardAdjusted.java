package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * A correction by hand moved the card's value by {@code amount} (negative takes value off);
 * {@code balance} is what is left. The adjustment's note stays in the card's ledger, off the wire.
 */
@EventType("GiftCardAdjusted")
public record GiftCardAdjusted(UUID giftCardId, long amount, long balance, String currency) implements GiftCardEvent {}
