package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** {@code amount} of the card paid an invoice; {@code balance} is what is left. */
@EventType("GiftCardRedeemed")
public record GiftCardRedeemed(UUID giftCardId, UUID invoiceId, UUID paymentId, long amount, long balance, String currency)
    implements GiftCardEvent {}
