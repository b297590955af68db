package io.bookpay.events.money;

import io.bookpay.events.AggregateType;
import java.util.UUID;

/** Events of one customer membership. */
public sealed interface MembershipEvent extends MoneyEvent permits MembershipStarted, MembershipEnded, MembershipShortened, MembershipRestored {

  UUID membershipId();

  @Override
  default UUID aggregateId() {
    return membershipId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.MEMBERSHIP;
  }
}
