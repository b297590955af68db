package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
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

  /** A claim's fields as the batch's events give them, newest last: null where no event of the batch named it. */
  private record Claim(UUID tenant, UUID claim, UUID invoice, String currency, String payer) {

    Claim then(Claim newer) {
      return new Claim(tenant, claim, newer.invoice != null ? newer.invoice : invoice, newer.currency != null ? newer.currency : currency,
          newer.payer != null ? newer.payer : payer);
    }
  }

  /** One statement per table for the batch (a claim named by several of its events is merged first, in their order). */
  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    Map<List<UUID>, Claim> claims = new LinkedHashMap<>();
    Rows moves = new Rows();
    for (EventEnvelope event : batch) {
      Object payload = event.payload();
      LocalDate day = days.day(event);
      if (payload instanceof ClaimCreated c) {
        claim(claims, new Claim(event.tenantId(), c.claimId(), c.invoiceId(), c.currency(), null));
      } else if (payload instanceof ClaimSubmitted c) {
        claim(claims, new Claim(event.tenantId(), c.claimId(), null, c.currency(), c.payer()));
        moves.add(event.tenantId(), event.eventId(), c.claimId(), day, "SUBMITTED", c.currency(), c.payer(), c.claimedAmount(),
            c.expectedCoveredAmount(), 0L);
      } else if (payload instanceof ClaimApproved c) {
        claim(claims, new Claim(event.tenantId(), c.claimId(), null, c.currency(), c.payer()));
        moves.add(event.tenantId(), event.eventId(), c.claimId(), day, "APPROVED", c.currency(), c.payer(), 0L, 0L, c.amount());
      } else if (payload instanceof ClaimRejected c) {
        claim(claims, new Claim(event.tenantId(), c.claimId(), null, null, c.payer()));
        moves.add(event.tenantId(), event.eventId(), c.claimId(), day, "REJECTED", null, c.payer(), 0L, 0L, 0L);
      }
    }
    return claims(claims.values()).then(moves(moves));
  }

  private static void claim(Map<List<UUID>, Claim> claims, Claim claim) {
    claims.merge(List.of(claim.tenant(), claim.claim()), claim, Claim::then);
  }

  /** What the claim events say about each claim; a field they do not carry keeps what is stored. */
  private Mono<Void> claims(java.util.Collection<Claim> claims) {
    if (claims.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_claims (tenant_id, claim_id, invoice_id, currency, payer)
            SELECT * FROM unnest(:tenants::uuid[], :claims::uuid[], :invoices::uuid[], :currencies::text[], :payers::text[])
            ON CONFLICT (tenant_id, claim_id) DO UPDATE
              SET invoice_id = coalesce(EXCLUDED.invoice_id, finance_claims.invoice_id),
                  currency = coalesce(EXCLUDED.currency, finance_claims.currency),
                  payer = coalesce(EXCLUDED.payer, finance_claims.payer)
            """)
        .bind("tenants", claims.stream().map(Claim::tenant).toArray(UUID[]::new))
        .bind("claims", claims.stream().map(Claim::claim).toArray(UUID[]::new))
        .bind("invoices", claims.stream().map(Claim::invoice).toArray(UUID[]::new))
        .bind("currencies", claims.stream().map(Claim::currency).toArray(String[]::new))
        .bind("payers", claims.stream().map(Claim::payer).toArray(String[]::new))
        .then();
  }

  private Mono<Void> moves(Rows moves) {
    if (moves.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_claim_moves (tenant_id, event_id, claim_id, day, kind, currency, payer, claimed, expected, approved)
            SELECT * FROM unnest(:tenants::uuid[], :events::uuid[], :claims::uuid[], :days::date[], :kinds::text[], :currencies::text[],
                                 :payers::text[], :claimed::bigint[], :expected::bigint[], :approved::bigint[])
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            """)
        .bind("tenants", moves.column(0, UUID.class)).bind("events", moves.column(1, UUID.class))
        .bind("claims", moves.column(2, UUID.class)).bind("days", moves.column(3, LocalDate.class))
        .bind("kinds", moves.column(4, String.class)).bind("currencies", moves.column(5, String.class))
        .bind("payers", moves.column(6, String.class)).bind("claimed", moves.column(7, Long.class))
        .bind("expected", moves.column(8, Long.class)).bind("approved", moves.column(9, Long.class))
        .then();
  }
}
