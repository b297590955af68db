package io.bookpay.link;

import io.bookpay.events.link.LinkEvent;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts public views and slot searches in memory and publishes one LinkViewed per viewed link and
 * one LinkSlotsSearched per searched link per flush interval, all in one outbox statement per
 * tenant. A burst of views or searches therefore adds no database write per request. The price:
 * counts of the last interval before a crash are lost (funnel statistics, not money); a graceful
 * stop flushes them.
 */
@Component
class LinkViews implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LinkViews.class);

  /** What is counted. */
  enum Kind { VIEW, SLOT_SEARCH }

  private record Key(UUID tenantId, UUID linkId, Kind kind) {}

  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final LinkProperties properties;
  private volatile Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private volatile Instant windowStart;
  private volatile Disposable flushing;

  LinkViews(Outbox outbox, TransactionalOperator tx, Clock clock, LinkProperties properties) {
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
    this.windowStart = clock.instant();
  }

  void record(UUID tenantId, UUID linkId) {
    record(tenantId, linkId, Kind.VIEW);
  }

  void record(UUID tenantId, UUID linkId, Kind kind) {
    counts.computeIfAbsent(new Key(tenantId, linkId, kind), k -> new LongAdder()).increment();
  }

  /** Publishes what was counted since the last flush. */
  Mono<Void> flush() {
    return Mono.defer(() -> {
      Map<Key, LongAdder> drained = counts;
      counts = new ConcurrentHashMap<>();
      Instant from = windowStart;
      Instant to = clock.instant();
      windowStart = to;
      if (drained.isEmpty()) {
        return Mono.empty();
      }
      Map<UUID, List<LinkEvent>> byTenant = drained.entrySet().stream().collect(Collectors.groupingBy(
          e -> e.getKey().tenantId(),
          Collectors.mapping(e -> event(e.getKey(), e.getValue().sum(), from, to), Collectors.toCollection(ArrayList::new))));
      return Flux.fromIterable(byTenant.entrySet())
          .concatMap(e -> outbox.append(e.getKey(), e.getValue()))
          .then()
          .as(tx::transactional);
    });
  }

  private static LinkEvent event(Key key, long count, Instant from, Instant to) {
    return switch (key.kind()) {
      case VIEW -> new LinkViewed(key.linkId(), count, from, to);
      case SLOT_SEARCH -> new LinkSlotsSearched(key.linkId(), count, from, to);
    };
  }

  @Override
  public void start() {
    flushing = Flux.interval(properties.viewFlushInterval())
        .onBackpressureDrop()
        .concatMap(tick -> flush().onErrorResume(e -> {
          log.warn("Publishing link views and slot searches failed; those counts are lost", e);
          return Mono.empty();
        }))
        .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = flushing;
    if (running != null) {
      running.dispose();
      flushing = null;
      flush().onErrorResume(e -> Mono.empty()).block(java.time.Duration.ofSeconds(5));
    }
  }

  @Override
  public boolean isRunning() {
    return flushing != null;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 3000; // stops after the web server, before the pool
  }
}
