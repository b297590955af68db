package io.bookpay.events.customer;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.util.UUID;

/** Events of the customer aggregate, published on {@code bookpay.customers}. */
public sealed interface CustomerEvent extends DomainEvent permits CustomerRegistered, CustomerDeleted {

  UUID customerId();

  @Override
  default UUID aggregateId() {
    return customerId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.CUSTOMER;
  }
}
