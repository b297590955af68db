package io.bookpay.giftcard;

import java.util.EnumSet;
import java.util.Set;

/**
 * PENDING: sold on an invoice not paid yet; it becomes ACTIVE (redeemable) when the invoice is paid,
 * or VOID when the invoice is voided. ACTIVE and VOID are final; a card issued outside an invoice is
 * ACTIVE from the start.
 */
public enum GiftCardStatus {
  PENDING, ACTIVE, VOID;

  public Set<GiftCardStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(ACTIVE, VOID);
      case ACTIVE, VOID -> EnumSet.noneOf(GiftCardStatus.class);
    };
  }

  public boolean canMoveTo(GiftCardStatus target) {
    return next().contains(target);
  }
}
