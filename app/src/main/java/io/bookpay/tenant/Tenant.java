package io.bookpay.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A business using Bookpay. {@code timeZone} (IANA, default UTC) decides the calendar days of its
 * reports; {@code version} is the profile's ETag.
 */
public record Tenant(UUID id, String name, String timeZone, long version, Instant createdAt, Instant updatedAt) {

  /** The zone of a tenant that has not chosen one. */
  public static final String DEFAULT_TIME_ZONE = "UTC";
}
