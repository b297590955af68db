package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** Puts an event on its tenant's calendar day, in the zone the tenant had when the batch was applied. */
record Buckets(Map<java.util.UUID, ZoneId> zones) {

  LocalDate day(EventEnvelope event) {
    return LocalDate.ofInstant(event.occurredAt(), zones.getOrDefault(event.tenantId(), TenantZones.DEFAULT));
  }
}
