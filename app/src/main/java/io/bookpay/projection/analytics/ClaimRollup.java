package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimEvent;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Claims per day and payer ({@code analytics_claim_activity}): submissions, approvals and
 * rejections, a decision with the time since the claim's submission ({@code analytics_claims}
 * remembers it; a claim's events share a partition, so the submission comes first). The payer is
 * the insurer's name the events carry, with the claim's plan beside it (older events name no payer).
 */
@Component
class ClaimRollup {

  /** The wire values of {@code analytics_claim_activity.kind}. */
  enum Kind { SUBMITTED, APPROVED, REJECTED }

  private record Key(UUID tenant, UUID claim) {}

  private record Activity(Key claim, UUID eventId, Kind kind, LocalDate day, UUID planId, String payer, Long decisionSeconds) {}

  /** What the batch teaches about a claim: its plan and its submission time. */
  private static final class Claim {
    UUID planId;
    String payer;
    Instant submittedAt;
  }

  private final DatabaseClient db;

  ClaimRollup(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Buckets buckets) {
    List<EventEnvelope> claims = batch.stream().filter(e -> e.payload() instanceof ClaimEvent).toList();
    if (claims.isEmpty()) {
      return Mono.empty();
    }
    return known(claims).flatMap(state -> {
      List<Activity> activity = new ArrayList<>();
      Map<Key, Claim> touched = new LinkedHashMap<>();
      for (EventEnvelope e : claims) {
        read(e, state, touched, buckets, activity);
      }
      return saveClaims(touched).then(saveActivity(activity));
    });
  }

  private static void read(EventEnvelope e, Map<Key, Claim> state, Map<Key, Claim> touched, Buckets buckets, List<Activity> out) {
    ClaimEvent event = (ClaimEvent) e.payload();
    Key key = new Key(e.tenantId(), event.claimId());
    Claim claim = state.computeIfAbsent(key, k -> new Claim());
    LocalDate day = buckets.day(e);
    if (event instanceof ClaimCreated created) {
      claim.planId = created.planId();
      touched.put(key, claim);
    } else if (event instanceof ClaimSubmitted submitted) {
      claim.planId = submitted.planId();
      claim.payer = submitted.payer() != null ? submitted.payer() : claim.payer;
      claim.submittedAt = e.occurredAt();
      touched.put(key, claim);
      out.add(new Activity(key, e.eventId(), Kind.SUBMITTED, day, claim.planId, claim.payer, null));
    } else if (event instanceof ClaimApproved approved) {
      out.add(new Activity(key, e.eventId(), Kind.APPROVED, day, approved.planId(), payer(approved.payer(), claim),
          secondsSince(claim.submittedAt, e.occurredAt())));
    } else if (event instanceof ClaimRejected rejected) {
      out.add(new Activity(key, e.eventId(), Kind.REJECTED, day, rejected.planId(), payer(rejected.payer(), claim),
          secondsSince(claim.submittedAt, e.occurredAt())));
    }
  }

  private static String payer(String named, Claim claim) {
    return named != null ? named : claim.payer;
  }

  /** Null when the submission is unknown (a claim submitted before this projection existed). */
  private static Long secondsSince(Instant submittedAt, Instant decidedAt) {
    return submittedAt == null ? null : Math.max(0, Duration.between(submittedAt, decidedAt).toSeconds());
  }

  private Mono<Map<Key, Claim>> known(List<EventEnvelope> claims) {
    UUID[] tenants = claims.stream().map(EventEnvelope::tenantId).toArray(UUID[]::new);
    UUID[] ids = claims.stream().map(e -> ((ClaimEvent) e.payload()).claimId()).toArray(UUID[]::new);
    return db.sql("""
            SELECT c.tenant_id, c.claim_id, c.plan_id, c.payer, c.submitted_at FROM analytics_claims c
            JOIN (SELECT DISTINCT * FROM unnest(:tenants::uuid[], :ids::uuid[])) AS t(tenant_id, claim_id)
              ON c.tenant_id = t.tenant_id AND c.claim_id = t.claim_id
            """)
        .bind("tenants", tenants).bind("ids", ids)
        .map(row -> {
          Claim claim = new Claim();
          claim.planId = row.get("plan_id", UUID.class);
          claim.payer = row.get("payer", String.class);
          claim.submittedAt = row.get("submitted_at", Instant.class);
          return Map.entry(new Key(row.get("tenant_id", UUID.class), row.get("claim_id", UUID.class)), claim);
        })
        .all()
        .collect(HashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
  }

  private Mono<Void> saveClaims(Map<Key, Claim> touched) {
    if (touched.isEmpty()) {
      return Mono.empty();
    }
    UUID[] tenants = touched.keySet().stream().map(Key::tenant).toArray(UUID[]::new);
    UUID[] ids = touched.keySet().stream().map(Key::claim).toArray(UUID[]::new);
    UUID[] plans = touched.values().stream().map(c -> c.planId).toArray(UUID[]::new);
    String[] payers = touched.values().stream().map(c -> c.payer).toArray(String[]::new);
    String[] submitted = touched.values().stream().map(c -> c.submittedAt == null ? null : c.submittedAt.toString()).toArray(String[]::new);
    return db.sql("""
            INSERT INTO analytics_claims (tenant_id, claim_id, plan_id, payer, submitted_at)
            SELECT * FROM unnest(:tenants::uuid[], :ids::uuid[], :plans::uuid[], :payers::text[], :submitted::text[]::timestamptz[])
            ON CONFLICT (tenant_id, claim_id) DO UPDATE
              SET plan_id = coalesce(EXCLUDED.plan_id, analytics_claims.plan_id),
                  payer = coalesce(EXCLUDED.payer, analytics_claims.payer),
                  submitted_at = coalesce(analytics_claims.submitted_at, EXCLUDED.submitted_at)
            """)
        .bind("tenants", tenants).bind("ids", ids).bind("plans", plans).bind("payers", payers).bind("submitted", submitted)
        .then();
  }

  private Mono<Void> saveActivity(List<Activity> activity) {
    if (activity.isEmpty()) {
      return Mono.empty();
    }
    int n = activity.size();
    UUID[] tenants = new UUID[n];
    UUID[] claims = new UUID[n];
    UUID[] events = new UUID[n];
    String[] kinds = new String[n];
    LocalDate[] days = new LocalDate[n];
    UUID[] plans = new UUID[n];
    String[] payers = new String[n];
    Long[] seconds = new Long[n];
    for (int i = 0; i < n; i++) {
      Activity a = activity.get(i);
      tenants[i] = a.claim().tenant();
      claims[i] = a.claim().claim();
      events[i] = a.eventId();
      kinds[i] = a.kind().name();
      days[i] = a.day();
      plans[i] = a.planId();
      payers[i] = a.payer();
      seconds[i] = a.decisionSeconds();
    }
    return db.sql("""
            INSERT INTO analytics_claim_activity (tenant_id, claim_id, event_id, kind, day, plan_id, payer, decision_seconds)
            SELECT * FROM unnest(:tenants::uuid[], :claims::uuid[], :events::uuid[], :kinds::text[], :days::date[], :plans::uuid[],
                :payers::text[], :seconds::bigint[])
            ON CONFLICT DO NOTHING
            """)
        .bind("tenants", tenants).bind("claims", claims).bind("events", events).bind("kinds", kinds).bind("days", days)
        .bind("plans", plans).bind("payers", payers).bind("seconds", seconds)
        .then();
  }
}
