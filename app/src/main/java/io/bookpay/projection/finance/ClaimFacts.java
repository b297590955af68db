package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Insurance: each claim's invoice, currency and payer ({@code finance_claims}), so INSURANCE
 * payments on the invoice are applied money of that payer; and each submission, approval and
 * rejection with its amounts ({@code finance_claim_moves}, one row per event).
 */
@Component
class ClaimFacts {

  private final DatabaseClient db;

  ClaimFacts(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    return Flux.fromIterable(batch).concatMap(event -> apply(event, days.day(event))).then();
  }

  private Mono<Void> apply(EventEnvelope event, LocalDate day) {
    Object payload = event.payload();
    if (payload instanceof ClaimCreated c) {
      return claim(event.tenantId(), c.claimId(), c.invoiceId(), c.currency(), null);
    }
    if (payload instanceof ClaimSubmitted c) {
      return claim(event.tenantId(), c.claimId(), null, c.currency(), c.payer())
          .then(move(event, c.claimId(), day, "SUBMITTED", c.currency(), c.payer(), c.claimedAmount(), c.expectedCoveredAmount(), 0));
    }
    if (payload instanceof ClaimApproved c) {
      return claim(event.tenantId(), c.claimId(), null, c.currency(), c.payer())
          .then(move(event, c.claimId(), day, "APPROVED", c.currency(), c.payer(), 0, 0, c.amount()));
    }
    if (payload instanceof ClaimRejected c) {
      return claim(event.tenantId(), c.claimId(), null, null, c.payer())
          .then(move(event, c.claimId(), day, "REJECTED", null, c.payer(), 0, 0, 0));
    }
    return Mono.empty();
  }

  /** What a claim event says about the claim; a field it does not carry keeps what is stored. */
  private Mono<Void> claim(UUID tenant, UUID claim, UUID invoice, String currency, String payer) {
    return db.sql("""
            INSERT INTO finance_claims (tenant_id, claim_id, invoice_id, currency, payer)
            VALUES (:tenant, :claim, :invoice, :currency, :payer)
            ON CONFLICT (tenant_id, claim_id) DO UPDATE
              SET invoice_id = coalesce(EXCLUDED.invoice_id, finance_claims.invoice_id),
                  currency = coalesce(EXCLUDED.currency, finance_claims.currency),
                  payer = coalesce(EXCLUDED.payer, finance_claims.payer)
            """)
        .bind("tenant", tenant).bind("claim", claim)
        .bind("invoice", Parameter.fromOrEmpty(invoice, UUID.class))
        .bind("currency", Parameter.fromOrEmpty(currency, String.class))
        .bind("payer", Parameter.fromOrEmpty(payer, String.class))
        .then();
  }

  private Mono<Void> move(EventEnvelope event, UUID claim, LocalDate day, String kind, String currency, String payer, long claimed,
      long expected, long approved) {
    return db.sql("""
            INSERT INTO finance_claim_moves (tenant_id, event_id, claim_id, day, kind, currency, payer, claimed, expected, approved)
            VALUES (:tenant, :event, :claim, :day, :kind, :currency, :payer, :claimed, :expected, :approved)
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            """)
        .bind("tenant", event.tenantId()).bind("event", event.eventId()).bind("claim", claim).bind("day", day).bind("kind", kind)
        .bind("currency", Parameter.fromOrEmpty(currency, String.class))
        .bind("payer", Parameter.fromOrEmpty(payer, String.class))
        .bind("claimed", claimed).bind("expected", expected).bind("approved", approved)
        .then();
  }
}
