package io.bookpay.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Values read per tenant, held in memory and forgotten when the tenant's data changes: at once after
 * a change through this instance (its service calls {@link #invalidate} after commit), and on
 * another instance's change when the change's event arrives through the {@link ChangeFeed}.
 *
 * <p>How long an entry may live depends on whether the feed can be trusted: {@code liveTtl} when
 * its load began and ended within one live epoch of the feed (every later change will clear it),
 * else {@code ttl}, the short backstop that bounds staleness when Kafka is away, the relay is
 * behind, or the feed is switched off. A load that raced with a change is not kept (a generation
 * per tenant, and one for all, bumped by every change). Absent answers are not kept.
 */
public final class TenantCache implements ChangeFeed.Listener {

  private record Key(UUID tenantId, Object what) {}

  private record Held(Object value, long ttlNanos) {}

  private final ChangeFeed feed;
  private final long ttlNanos;
  private final long liveTtlNanos;
  private final Cache<Key, Held> entries;
  private final Map<UUID, AtomicLong> generations = new ConcurrentHashMap<>();
  private final AtomicLong everything = new AtomicLong();

  /**
   * @param topic the {@link io.bookpay.events.Topics} constant whose events say the data changed
   * @param ttl how long an entry lives when the feed is not live
   * @param liveTtl how long it lives when the feed is live (never less than {@code ttl})
   */
  public TenantCache(ChangeFeed feed, String topic, Duration ttl, Duration liveTtl, long maximumSize) {
    this.feed = feed;
    this.ttlNanos = ttl.toNanos();
    this.liveTtlNanos = Math.max(ttlNanos, liveTtl.toNanos());
    this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new Expiry<Key, Held>() {
      @Override
      public long expireAfterCreate(Key key, Held held, long now) {
        return held.ttlNanos();
      }

      @Override
      public long expireAfterUpdate(Key key, Held held, long now, long current) {
        return held.ttlNanos();
      }

      @Override
      public long expireAfterRead(Key key, Held held, long now, long current) {
        return current;
      }
    }).build();
    feed.register(topic, this);
  }

  /** The cached value of {@code what} for the tenant, or what {@code load} emits (kept unless the tenant's data changed meanwhile). */
  @SuppressWarnings("unchecked")
  public <T> Mono<T> get(UUID tenantId, Object what, Supplier<Mono<T>> load) {
    Key key = new Key(tenantId, what);
    Held cached = entries.getIfPresent(key);
    if (cached != null) {
      return Mono.just((T) cached.value());
    }
    return Mono.defer(() -> {
      AtomicLong generation = generation(tenantId);
      long seen = generation.get();
      long seenAll = everything.get();
      long epoch = feed.epoch();
      return load.get().doOnNext(value -> {
        if (generation.get() != seen || everything.get() != seenAll) {
          return;
        }
        boolean live = epoch != -1 && feed.epoch() == epoch;
        entries.put(key, new Held(value, live ? liveTtlNanos : ttlNanos));
        // A change that landed between the check and the put has already swept; sweep its way once more.
        if (generation.get() != seen || everything.get() != seenAll) {
          entries.invalidate(key);
        }
      });
    });
  }

  /** Forgets everything of the tenant. */
  public void invalidate(UUID tenantId) {
    generation(tenantId).incrementAndGet();
    entries.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
  }

  /** Forgets everything. */
  public void invalidateAll() {
    everything.incrementAndGet();
    entries.invalidateAll();
  }

  @Override
  public void changed(UUID tenantId) {
    invalidate(tenantId);
  }

  @Override
  public void missed() {
    invalidateAll();
  }

  private AtomicLong generation(UUID tenantId) {
    return generations.computeIfAbsent(tenantId, t -> new AtomicLong());
  }
}
