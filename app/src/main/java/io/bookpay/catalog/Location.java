package io.bookpay.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A place where providers work, with the IANA time zone its working hours are read in. */
public record Location(
    UUID id, @JsonIgnore UUID tenantId, String name, String timeZone, String address, boolean active,
    long version, Instant createdAt, Instant updatedAt) {

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }
}
