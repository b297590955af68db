package io.bookpay.report;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.projection.AppliedListener;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reports' answers in memory, per tenant and query, for {@code bookpay.reports.cache-ttl}. When a
 * projection applies events of a tenant in this instance, that tenant's answers are dropped: each
 * tenant has a generation that every key carries, and an applied batch moves it on, so an answer
 * computed while the batch committed is stored under the old generation and never served. Another
 * instance's applied events reach this cache through the TTL. A rebuild's switch drops every answer. {@code Cache-Control: no-cache}
 * bypasses it. Concurrent identical requests share one computation.
 */
@Component
class ReportCache implements AppliedListener {

  private record Key(UUID tenant, long epoch, long generation, String query) {}

  private final AsyncCache<Key, Object> cache;
  private final ConcurrentMap<UUID, AtomicLong> generations = new ConcurrentHashMap<>();
  /** Moves on when a projection's tables are replaced by a rebuild: every tenant's answers go. */
  private final AtomicLong epoch = new AtomicLong();
  private final boolean enabled;

  ReportCache(ReportProperties properties) {
    this.enabled = !properties.cacheTtl().isZero();
    this.cache = Caffeine.newBuilder()
        .expireAfterWrite(enabled ? properties.cacheTtl() : java.time.Duration.ofMillis(1))
        .maximumSize(properties.cacheMaxEntries())
        .buildAsync();
  }

  /** The cached answer to {@code query} for the tenant, or {@code compute}'s, which is then kept. */
  @SuppressWarnings("unchecked")
  <T> Mono<T> get(UUID tenant, String query, boolean bypass, Supplier<Mono<T>> compute) {
    if (bypass || !enabled) {
      return Mono.defer(compute);
    }
    Key key = new Key(tenant, epoch.get(), generation(tenant).get(), query);
    return Mono.fromFuture(() -> cache.get(key, (k, executor) -> compute.get().map(value -> (Object) value).toFuture()), true)
        .map(value -> (T) value);
  }

  @Override
  public void applied(String consumer, Set<UUID> tenants) {
    tenants.forEach(tenant -> generation(tenant).incrementAndGet());
  }

  @Override
  public void rebuilt(String consumer) {
    epoch.incrementAndGet();
    cache.synchronous().invalidateAll();
  }

  private AtomicLong generation(UUID tenant) {
    return generations.computeIfAbsent(tenant, t -> new AtomicLong());
  }
}
