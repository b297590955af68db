package io.bookpay.tracking;

import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Records custom events: checks a batch as a whole, then appends one CustomEventRecorded per item to
 * the outbox in one transaction (one statement), so a batch is recorded entirely or not at all.
 */
@Service
public class TrackingService {

  /** Most events in one API request; the request body limit (1 MB by default) applies as well. */
  public static final int MAX_EVENTS_PER_REQUEST = 500;
  /** Most events in one request from a link's page. */
  public static final int MAX_EVENTS_PER_PUBLIC_REQUEST = 50;

  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final TenantEventQuota quota;

  TrackingService(Outbox outbox, TransactionalOperator tx, Ids ids, Clock clock, TenantEventQuota quota) {
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
    this.quota = quota;
  }

  /** The tenant's own events; 400 (and nothing recorded) when any is invalid. */
  Mono<Integer> record(Caller caller, List<CustomEventInput> events) {
    return record(caller.tenantId(), null, events, MAX_EVENTS_PER_REQUEST);
  }

  /**
   * Events from a link's page: they name the link, and the link's customer when the link names one
   * (the page's client cannot name another).
   */
  public Mono<Integer> recordForLink(UUID tenantId, UUID linkId, UUID linkCustomerId, List<CustomEventInput> events) {
    List<CustomEventInput> own = events == null ? null : events.stream()
        .map(e -> e == null ? null : new CustomEventInput(e.type(), e.occurredAt(), linkCustomerId, e.sessionId(), e.data()))
        .toList();
    return record(tenantId, linkId, own, MAX_EVENTS_PER_PUBLIC_REQUEST);
  }

  private Mono<Integer> record(UUID tenantId, UUID linkId, List<CustomEventInput> events, int max) {
    return Mono.defer(() -> {
      CustomEventRules.check(events, max, clock.instant());
      quota.charge(tenantId, events.size());
      List<CustomEventRecorded> recorded = events.stream()
          .map(e -> new CustomEventRecorded(ids.next(), e.type(), e.occurredAt().truncatedTo(ChronoUnit.MICROS), e.customerId(),
              e.sessionId(), linkId, e.data()))
          .toList();
      return outbox.append(tenantId, recorded).as(tx::transactional).thenReturn(recorded.size());
    });
  }
}
