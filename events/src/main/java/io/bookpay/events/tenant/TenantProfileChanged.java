package io.bookpay.events.tenant;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The tenant's profile as it now is (snapshot semantics: every field, not only the changed ones), so
 * the same event serves a change and a backfill. {@code timeZone} is the IANA zone whose calendar
 * days the reports use; {@code version} grows with every change, so a consumer can ignore a
 * snapshot older than what it has.
 */
@EventType("TenantProfileChanged")
public record TenantProfileChanged(UUID tenantId, String name, String timeZone, long version) implements TenantEvent {}
