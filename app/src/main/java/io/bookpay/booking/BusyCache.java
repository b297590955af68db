package io.bookpay.booking;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.booking.BookingRepository.BusyRange;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingEvent;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.db.DatabaseProperties;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The busy ranges slot searches read, kept for a moment: a campaign burst asks for the same few
 * providers' same days many times a second, and one query answers them all (concurrent searches for
 * one key share one load). The booking path never reads it; the exclusion constraint decides.
 *
 * <p>This instance's own changes are seen at once: each provider has a generation, moved when a
 * transaction with one of its booking events commits (before the client hears the answer), and an
 * entry loaded under an older generation of any of its providers is loaded again. Another instance's
 * change is seen within {@code bookpay.bookings.busy-cache-ttl}: until then a slot it just took may
 * still be listed, and booking it answers 409 as any race for a slot does. Holds are kept with their
 * expiry and judged against each search's own now.
 */
@Component
class BusyCache {

  private record Key(List<UUID> providers, Instant from, Instant to) {}

  private record Entry(long[] generations, List<BusyRange> ranges) {}

  private static final long MAX_RANGES = 200_000;

  private final BookingRepository bookings;
  private final boolean enabled;
  private final Duration loadTimeout;
  private final AsyncCache<Key, Entry> cache;
  private final ConcurrentHashMap<UUID, Long> generations = new ConcurrentHashMap<>();

  @Autowired
  BusyCache(BookingRepository bookings, BookingProperties properties, DatabaseProperties db, Outbox outbox) {
    // A load unanswered past the pool's acquire and create times and the server's statement timeout
    // is on a connection that will not answer (a network cut: no reply, no reset).
    this(bookings, properties.busyCacheTtl(), db.pool().maxAcquireTime().plus(db.pool().maxCreateConnectionTime())
        .plus(db.statementTimeout()).plusSeconds(5), outbox);
  }

  BusyCache(BookingRepository bookings, Duration ttl, Duration loadTimeout, Outbox outbox) {
    this.bookings = bookings;
    this.enabled = !ttl.isZero() && !ttl.isNegative();
    this.loadTimeout = loadTimeout;
    // Bounded by the ranges held, not the entries: a search may span 31 days of a busy provider, and
    // every distinct window is an entry (about 100 bytes a range: 200,000 of them are ~20 MB).
    this.cache = Caffeine.newBuilder().maximumWeight(MAX_RANGES)
        .weigher((Key key, Entry entry) -> 1 + entry.ranges().size())
        .expireAfterWrite(enabled ? ttl : Duration.ZERO).buildAsync();
    outbox.onCommitted(this::committed);
  }

  /** The providers' ranges blocking some time in [from, to) at {@code now}. */
  Mono<List<BusyRange>> busy(List<UUID> providers, Instant from, Instant to, Instant now) {
    Mono<List<BusyRange>> ranges = enabled ? cached(new Key(List.copyOf(providers), from, to), true) : load(providers, from, to);
    return ranges.map(all -> all.stream().filter(range -> range.blocksAt(now)).toList());
  }

  private Mono<List<BusyRange>> cached(Key key, boolean checkGenerations) {
    return Mono.defer(() -> {
      CompletableFuture<Entry> future = cache.get(key, (k, executor) -> {
        long[] seen = generationsOf(k.providers()); // before the query: a change committed after this moves them
        // Bounded: Caffeine never expires an entry still loading, so a load on a connection that stopped
        // answering would hold every search of this key, after the database is back, until TCP gives up.
        return load(k.providers(), k.from(), k.to())
            .timeout(loadTimeout, Mono.error(() -> new R2dbcTimeoutException(
                "The database did not answer a busy-range read within " + loadTimeout.toSeconds() + " s", new TimeoutException())))
            .map(ranges -> new Entry(seen, ranges)).toFuture();
      });
      // Another search may share this load: one that leaves early must not cancel it for the rest.
      return Mono.fromFuture(future, true).flatMap(entry -> {
        if (!checkGenerations || current(key.providers(), entry.generations())) {
          return Mono.just(entry.ranges());
        }
        // Loaded before a change this instance committed: load again (once; that load began after it).
        cache.asMap().remove(key, future);
        return cached(key, false);
      });
    });
  }

  private Mono<List<BusyRange>> load(List<UUID> providers, Instant from, Instant to) {
    return bookings.busy(providers, from, to).collectList();
  }

  private long[] generationsOf(List<UUID> providers) {
    long[] seen = new long[providers.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = generations.getOrDefault(providers.get(i), 0L);
    }
    return seen;
  }

  private boolean current(List<UUID> providers, long[] seen) {
    for (int i = 0; i < seen.length; i++) {
      if (generations.getOrDefault(providers.get(i), 0L) != seen[i]) {
        return false;
      }
    }
    return true;
  }

  private void committed(List<EventEnvelope> envelopes) {
    for (EventEnvelope envelope : envelopes) {
      if (envelope.payload() instanceof BookingEvent event) {
        generations.merge(event.booking().providerId(), 1L, Long::sum);
      }
    }
  }
}
