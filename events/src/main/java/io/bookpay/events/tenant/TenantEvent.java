package io.bookpay.events.tenant;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.util.UUID;

/** Events of the tenant aggregate: the business itself, as projections need to know it. */
public sealed interface TenantEvent extends DomainEvent permits TenantProfileChanged {

  UUID tenantId();

  @Override
  default UUID aggregateId() {
    return tenantId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.TENANT;
  }
}
