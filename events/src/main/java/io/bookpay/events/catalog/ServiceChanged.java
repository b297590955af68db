package io.bookpay.events.catalog;

import io.bookpay.events.AggregateType;
import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * A service (what a tenant sells) was created or changed, or this is its snapshot. The price is minor
 * units of {@code currency}; {@code deleted} means soft-deleted (it stays inactive for good).
 */
@EventType("ServiceChanged")
public record ServiceChanged(UUID serviceId, String name, int durationMinutes, long priceAmount, String currency, boolean active,
    boolean deleted, long version) implements CatalogEvent {

  @Override
  public UUID aggregateId() {
    return serviceId;
  }

  @Override
  public AggregateType aggregateType() {
    return AggregateType.SERVICE;
  }
}
