package io.bookpay.events.claim;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.util.UUID;

/** Events of one insurance claim. Amounts are minor units of the claim's currency. */
public sealed interface ClaimEvent extends DomainEvent
    permits ClaimCreated, ClaimSubmitted, ClaimStatusChanged, ClaimApproved, ClaimRejected, ClaimDocumentAdded {

  UUID claimId();

  @Override
  default UUID aggregateId() {
    return claimId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.CLAIM;
  }
}
