package io.bookpay.catalog;

import io.bookpay.events.Topics;
import io.bookpay.platform.cache.ChangeFeed;
import io.bookpay.platform.cache.TenantCache;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read-mostly catalog data the booking paths read on every request (a service, what a link's page
 * shows of it, providers' schedules), held in memory per tenant. A change made through this
 * instance's {@link CatalogService} clears the tenant's entries once committed; a change made on
 * another instance clears them when its event ({@code bookpay.catalog}, every catalog change
 * publishes one, time off included) arrives through the {@link ChangeFeed}. Entries live for
 * {@code bookpay.catalog.cache-ttl-live} while the feed is live, else for {@code bookpay.catalog.cache-ttl}
 * (see {@link TenantCache}). Absent answers (an unknown service) are not kept: they are errors, and rare.
 */
@Component
class CatalogCache {

  private final TenantCache entries;

  CatalogCache(CatalogProperties properties, ChangeFeed feed) {
    this.entries = new TenantCache(feed, Topics.CATALOG, properties.cacheTtl(), properties.cacheTtlLive(), properties.cacheSize());
  }

  /** The cached value of {@code what} for the tenant, or what {@code load} emits (kept unless the tenant's catalog changed meanwhile). */
  <T> Mono<T> get(UUID tenantId, Object what, Supplier<Mono<T>> load) {
    return entries.get(tenantId, what, load);
  }

  /** Forgets everything of the tenant: after each change to its catalog. */
  void invalidate(UUID tenantId) {
    entries.invalidate(tenantId);
  }
}
