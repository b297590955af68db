package io.bookpay.projection;

import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.kafka.ConsumedEvent;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.web.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The operator's side of parked events: list them, and retry one through its projection's applier
 * (exactly once, like any batch: in one transaction with {@code processed_events}; the dead letter
 * goes in the same transaction). A retry that fails again keeps the event parked with the new error.
 */
@Service
public class DeadLetterService {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);

  /** A page of parked events and the cursor of the next one: null on the last page. */
  /**
   * What a retry did: {@code APPLIED}, or {@code ALREADY_APPLIED} when the consumer had applied the
   * event meanwhile (a repeat of it came through); either way the dead letter is gone.
   */
  public record RetryResult(UUID id, UUID eventId, String consumer, String outcome) {}

  private final DeadLetterRepository deadLetters;
  private final Projections projections;

  DeadLetterService(DeadLetterRepository deadLetters, Projections projections) {
    this.deadLetters = deadLetters;
    this.projections = projections;
  }

  public Mono<Page<DeadLetter>> list(String consumer, String cursor, int limit) {
    return Page.of(deadLetters.page(consumer, PageCursor.id(cursor), limit + 1), limit, d -> PageCursor.after(d.id()));
  }

  public Mono<RetryResult> retry(UUID id) {
    return deadLetters.find(id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Dead letter")))
        .flatMap(this::retry);
  }

  private Mono<RetryResult> retry(DeadLetter parked) {
    ProjectionApplier applier = projections.find(parked.consumer()).orElseThrow(() -> new ApiException(ProblemType.UNPROCESSABLE,
        "No projection of this application consumes as '" + parked.consumer() + "'."));
    EventEnvelope event = projections.decode(parked.envelope());
    ConsumedEvent consumed = new ConsumedEvent(event, parked.topic(), parked.partition(), parked.offset());
    return projections.tx().transactional(projections.store().holdSwitchShared(parked.consumer())
            .then(applier.applyFresh(List.of(consumed)))
            .flatMap(fresh -> deadLetters.delete(parked.id()).thenReturn(fresh)))
        .flatMap(fresh -> {
          log.info("Dead letter {} (event {}) retried: {}", parked.id(), event.eventId(), fresh ? "applied" : "already applied");
          projections.committed(parked.consumer(), Set.of(event.tenantId()), 0);
          return projections.refreshDeadLetterCounts()
              .thenReturn(new RetryResult(parked.id(), event.eventId(), parked.consumer(), fresh ? "APPLIED" : "ALREADY_APPLIED"));
        })
        .onErrorResume(ApplyFailures::isPoison, error -> deadLetters.failedAgain(parked.id(), ApplyFailures.describe(error))
            .then(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE,
                "The event still cannot be applied; it stays parked. " + ApplyFailures.describe(error),
                Map.of("code", "dead-letter-still-failing")))));
  }
}
