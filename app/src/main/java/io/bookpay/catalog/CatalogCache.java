package io.bookpay.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read-mostly catalog data the booking paths read on every request (a service, what a link's page
 * shows of it, providers' schedules), held in memory per tenant. A change made through this
 * instance's {@link CatalogService} clears the tenant's entries once committed, and a load that
 * raced with a change is not kept (each tenant has a generation, bumped by every change); changes
 * made on another instance show here within {@code bookpay.catalog.cache-ttl}. Absent answers (an
 * unknown service) are not kept: they are errors, and rare.
 */
@Component
class CatalogCache {

  private record Key(UUID tenantId, Object what) {}

  private final Cache<Key, Object> entries;
  private final Map<UUID, AtomicLong> generations = new ConcurrentHashMap<>();

  CatalogCache(CatalogProperties properties) {
    this.entries = Caffeine.newBuilder().maximumSize(properties.cacheSize()).expireAfterWrite(properties.cacheTtl()).build();
  }

  /** The cached value of {@code what} for the tenant, or what {@code load} emits (kept unless the tenant's catalog changed meanwhile). */
  @SuppressWarnings("unchecked")
  <T> Mono<T> get(UUID tenantId, Object what, Supplier<Mono<T>> load) {
    Key key = new Key(tenantId, what);
    Object cached = entries.getIfPresent(key);
    if (cached != null) {
      return Mono.just((T) cached);
    }
    AtomicLong generation = generation(tenantId);
    long seen = generation.get();
    return Mono.defer(load).doOnNext(value -> {
      if (generation.get() == seen) {
        entries.put(key, value);
      }
    });
  }

  /** Forgets everything of the tenant: after each change to its catalog. */
  void invalidate(UUID tenantId) {
    generation(tenantId).incrementAndGet();
    entries.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
  }

  private AtomicLong generation(UUID tenantId) {
    return generations.computeIfAbsent(tenantId, t -> new AtomicLong());
  }
}
