package io.bookpay.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A business using Bookpay. {@code timeZone} (IANA, default UTC) decides the calendar days of its
 * reports; {@code version} is the profile's ETag. The branding (any may be null) is what the booking
 * page behind its links shows: {@code displayName} instead of {@code name}, {@code brandColor}
 * ({@code #rrggbb}), {@code logoUrl} (https only), and how to reach the business.
 */
public record Tenant(UUID id, String name, String timeZone, long version, Instant createdAt, Instant updatedAt,
    String displayName, String brandColor, String logoUrl, String contactEmail, String contactPhone, String address) {

  /** The zone of a tenant that has not chosen one. */
  public static final String DEFAULT_TIME_ZONE = "UTC";

  Tenant(UUID id, String name, String timeZone, long version, Instant createdAt, Instant updatedAt) {
    this(id, name, timeZone, version, createdAt, updatedAt, null, null, null, null, null, null);
  }

  /** The name the public sees: the display name when set, else the tenant's name. */
  public String publicName() {
    return displayName == null ? name : displayName;
  }
}
