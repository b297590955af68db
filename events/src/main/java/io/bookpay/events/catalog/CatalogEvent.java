package io.bookpay.events.catalog;

import io.bookpay.events.DomainEvent;

/**
 * Events of the catalog's items. Each is a snapshot of one item; {@code version} is the item's row
 * version, so a consumer can drop a snapshot older than the one it applied (a backfill racing a
 * change).
 */
public sealed interface CatalogEvent extends DomainEvent permits ServiceChanged, ProviderChanged, LocationChanged {

  long version();
}
