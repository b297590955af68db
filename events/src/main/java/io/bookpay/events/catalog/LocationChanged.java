package io.bookpay.events.catalog;

import io.bookpay.events.AggregateType;
import io.bookpay.events.EventType;
import java.util.UUID;

/** A location was created or changed, or this is its snapshot. Working hours there are read in {@code timeZone} (IANA). */
@EventType("LocationChanged")
public record LocationChanged(UUID locationId, String name, String timeZone, boolean active, long version) implements CatalogEvent {

  @Override
  public UUID aggregateId() {
    return locationId;
  }

  @Override
  public AggregateType aggregateType() {
    return AggregateType.LOCATION;
  }
}
