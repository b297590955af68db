package io.bookpay.giftcard;

import java.time.Instant;
import java.util.UUID;

/** One change of a gift card's balance: ISSUE and REFUND add, REDEEM takes, ADJUST either. */
public record LedgerEntry(long id, String kind, long amount, long balanceAfter, UUID paymentId, UUID refundId, String note, Instant at) {}
