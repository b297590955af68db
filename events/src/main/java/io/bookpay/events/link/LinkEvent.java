package io.bookpay.events.link;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.util.UUID;

/** Events of the link aggregate. The token itself never appears in an event. */
public sealed interface LinkEvent extends DomainEvent permits LinkCreated, LinkRevoked, LinkViewed, LinkUsed, LinkSlotsSearched {

  UUID linkId();

  @Override
  default UUID aggregateId() {
    return linkId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.LINK;
  }
}
