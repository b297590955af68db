package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/** Puts an event (or an instant of a tenant) on the tenant's calendar day, in the zone the tenant had when the batch was applied. */
record Days(Map<UUID, ZoneId> zones) {

  LocalDate day(EventEnvelope event) {
    return day(event.tenantId(), event.occurredAt());
  }

  LocalDate day(UUID tenant, Instant at) {
    return at == null ? null : LocalDate.ofInstant(at, zones.getOrDefault(tenant, FinanceZones.DEFAULT));
  }
}
