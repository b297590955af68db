package io.bookpay.events.tenant;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The tenant's profile as it now is (snapshot semantics: every field, not only the changed ones), so
 * the same event serves a change and a backfill. {@code timeZone} is the IANA zone whose calendar
 * days the reports use; {@code version} grows with every change, so a consumer can ignore a
 * snapshot older than what it has. The branding fields (shown on the booking page) were added
 * later at the same schema version and may be null: {@code displayName}, {@code brandColor}
 * ({@code #rrggbb}), {@code logoUrl} (https), {@code contactEmail}, {@code contactPhone}, {@code address}.
 */
@EventType("TenantProfileChanged")
public record TenantProfileChanged(UUID tenantId, String name, String timeZone, long version, String displayName, String brandColor,
    String logoUrl, String contactEmail, String contactPhone, String address) implements TenantEvent {

  /** A profile without branding (as the event was before it gained those fields). */
  public TenantProfileChanged(UUID tenantId, String name, String timeZone, long version) {
    this(tenantId, name, timeZone, version, null, null, null, null, null, null);
  }
}
