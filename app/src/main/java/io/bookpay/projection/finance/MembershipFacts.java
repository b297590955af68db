package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.MembershipEnded;
import io.bookpay.events.money.MembershipRestored;
import io.bookpay.events.money.MembershipShortened;
import io.bookpay.events.money.MembershipStarted;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Memberships ({@code finance_memberships}): price, period, when each runs, the day it started and
 * the day it ended. Few events, applied one at a time in the batch's order, each only over an older
 * state ({@code state_at}), so an event seen again never undoes a later one.
 */
@Component
class MembershipFacts {

  private final DatabaseClient db;

  MembershipFacts(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    return Flux.fromIterable(batch).concatMap(event -> apply(event, days)).then();
  }

  private Mono<Void> apply(EventEnvelope event, Days days) {
    Object payload = event.payload();
    if (payload instanceof MembershipStarted m) {
      return db.sql("""
              INSERT INTO finance_memberships (tenant_id, membership_id, tier_id, customer_id, invoice_id, currency, price_amount, period,
                                               starts_at, ends_at, started_day, state_at)
              VALUES (:tenant, :membership, :tier, :customer, :invoice, :currency, :price, :period, :startsAt, :endsAt, :day, :at)
              ON CONFLICT (tenant_id, membership_id) DO NOTHING
              """)
          .bind("tenant", event.tenantId()).bind("membership", m.membershipId())
          .bind("tier", nullable(m.tierId())).bind("customer", nullable(m.customerId())).bind("invoice", nullable(m.invoiceId()))
          .bind("currency", m.currency()).bind("price", m.priceAmount()).bind("period", m.period())
          .bind("startsAt", m.startsAt()).bind("endsAt", m.endsAt()).bind("day", days.day(event)).bind("at", event.occurredAt())
          .then();
    }
    if (payload instanceof MembershipEnded m) {
      return update(event, m.membershipId(), "ends_at = LEAST(ends_at, :endsAt), ended_day = :day", m.endedAt(), days);
    }
    if (payload instanceof MembershipShortened m) {
      return update(event, m.membershipId(),
          m.ended() ? "ends_at = :endsAt, ended_day = :day" : "ends_at = :endsAt", m.endsAt(), days);
    }
    if (payload instanceof MembershipRestored m) {
      return update(event, m.membershipId(), m.active() ? "ends_at = :endsAt, ended_day = NULL" : "ends_at = :endsAt",
          m.endsAt(), days);
    }
    return Mono.empty();
  }

  /** {@code set} is one of the constant assignments above, never input. */
  private Mono<Void> update(EventEnvelope event, java.util.UUID membership, String set, java.time.Instant endsAt, Days days) {
    DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE finance_memberships SET " + set + ", state_at = :at"
            + " WHERE tenant_id = :tenant AND membership_id = :membership AND state_at <= :at")
        .bind("tenant", event.tenantId()).bind("membership", membership).bind("endsAt", endsAt).bind("at", event.occurredAt());
    // Only the assignments that end a membership name the day; binding a name the statement lacks fails the whole batch.
    return (set.contains(":day") ? update.bind("day", days.day(event)) : update).then();
  }

  private static org.springframework.r2dbc.core.Parameter nullable(java.util.UUID id) {
    return org.springframework.r2dbc.core.Parameter.fromOrEmpty(id, java.util.UUID.class);
  }
}
