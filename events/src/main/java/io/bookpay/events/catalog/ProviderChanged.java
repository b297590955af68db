package io.bookpay.events.catalog;

import io.bookpay.events.AggregateType;
import io.bookpay.events.EventType;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A provider was created or changed (name, locations, services, weekly hours), or this is their
 * snapshot. {@code workingHours} is the whole weekly schedule: with the locations' zones (from
 * {@link LocationChanged}) a consumer computes the working minutes of any calendar day. Adding or
 * removing time off publishes the snapshot again with the same {@code version} (time off is not in
 * it), so caches of other instances learn of it; applying it again changes nothing.
 */
@EventType("ProviderChanged")
public record ProviderChanged(UUID providerId, String name, boolean active, List<UUID> locationIds, List<UUID> serviceIds,
    List<Hours> workingHours, long version) implements CatalogEvent {

  public ProviderChanged {
    locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
    serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
    workingHours = workingHours == null ? List.of() : List.copyOf(workingHours);
  }

  @Override
  public UUID aggregateId() {
    return providerId;
  }

  @Override
  public AggregateType aggregateType() {
    return AggregateType.PROVIDER;
  }

  /**
   * One weekly window in the location's local time: ISO weekday (1 = Monday .. 7 = Sunday), from
   * {@code start} inclusive to {@code end} exclusive (e.g. {@code 09:00}–{@code 17:00}).
   */
  public record Hours(UUID locationId, int weekday, LocalTime start, LocalTime end) {}
}
