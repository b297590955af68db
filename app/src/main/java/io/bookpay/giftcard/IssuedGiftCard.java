package io.bookpay.giftcard;

import java.time.Instant;
import java.util.UUID;

/** A gift card with its code, shown in this one response only; the code is stored hashed. */
public record IssuedGiftCard(UUID id, String code, String last4, long amount, String currency, GiftCardStatus status, Instant expiresAt) {}
