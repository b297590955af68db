package io.bookpay.events.money;

import io.bookpay.events.AggregateType;
import java.util.UUID;

/** Events of one gift card. Its code never appears in an event. */
public sealed interface GiftCardEvent extends MoneyEvent permits GiftCardIssued, GiftCardRedeemed, GiftCardReversed, GiftCardReversalUndone,
    GiftCardAdjusted, GiftCardRefunded {

  UUID giftCardId();

  @Override
  default UUID aggregateId() {
    return giftCardId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.GIFT_CARD;
  }
}
