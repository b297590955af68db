package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingHoldExpired;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.events.link.LinkUsed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Booking activity per day ({@code analytics_booking_activity}) and each booking's link and current
 * state ({@code analytics_bookings}). A booking is created by its first event (BookingHeld, or
 * BookingConfirmed when it was confirmed at once); each later event counts as what it says. The
 * link comes from LinkUsed, on another topic, in whichever order the two arrive. The state (time,
 * provider, status) is the newest event's, for utilisation.
 */
@Component
class BookingRollup {

  /** What a booking event counts as; the wire values of {@code analytics_booking_activity.kind}. */
  enum Kind { CREATED, CONFIRMED, CANCELLED, NO_SHOW, COMPLETED, RESCHEDULED }

  private record Activity(UUID tenant, UUID booking, UUID eventId, Kind kind, LocalDate day, BookingFacts facts) {}

  private record Key(UUID tenant, UUID booking) {}

  /** A booking as its newest event in the batch leaves it. */
  private record State(Key key, BookingFacts facts, String status, java.time.Instant at) {}

  private final DatabaseClient db;

  BookingRollup(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Buckets buckets) {
    List<EventEnvelope> bookings = batch.stream().filter(e -> e.payload() instanceof BookingEvent).toList();
    Map<Key, UUID> links = new LinkedHashMap<>();
    batch.stream().filter(e -> e.payload() instanceof LinkUsed)
        .forEach(e -> links.put(new Key(e.tenantId(), ((LinkUsed) e.payload()).bookingId()), ((LinkUsed) e.payload()).linkId()));
    if (bookings.isEmpty() && links.isEmpty()) {
      return Mono.empty();
    }
    return created(bookings)
        .flatMap(known -> insertActivity(activities(bookings, known, buckets)))
        .then(Mono.defer(() -> saveStates(states(bookings))))
        .then(Mono.defer(() -> links.isEmpty() ? Mono.empty() : link(links)));
  }

  /** Reads the batch in order; {@code known} holds the bookings whose creation was counted already. */
  private static List<Activity> activities(List<EventEnvelope> bookings, Set<Key> known, Buckets buckets) {
    List<Activity> out = new ArrayList<>();
    for (EventEnvelope e : bookings) {
      BookingFacts facts = ((BookingEvent) e.payload()).booking();
      Key key = new Key(e.tenantId(), facts.bookingId());
      LocalDate day = buckets.day(e);
      if ((e.payload() instanceof BookingHeld || e.payload() instanceof BookingConfirmed) && known.add(key)) {
        out.add(new Activity(e.tenantId(), facts.bookingId(), e.eventId(), Kind.CREATED, day, facts));
      }
      Kind kind = kindOf(e.payload());
      if (kind != null) {
        out.add(new Activity(e.tenantId(), facts.bookingId(), e.eventId(), kind, day, facts));
      }
    }
    return out;
  }

  /** What a booking event counts as besides a creation; null for a hold that lapsed (or was placed). */
  private static Kind kindOf(Object event) {
    if (event instanceof BookingConfirmed) {
      return Kind.CONFIRMED;
    } else if (event instanceof BookingCancelled) {
      return Kind.CANCELLED;
    } else if (event instanceof BookingNoShow) {
      return Kind.NO_SHOW;
    } else if (event instanceof BookingCompleted) {
      return Kind.COMPLETED;
    } else if (event instanceof BookingRescheduled) {
      return Kind.RESCHEDULED;
    }
    return null;
  }

  /** The newest state of each booking in the batch; a reschedule keeps the status it found. */
  private static Map<Key, State> states(List<EventEnvelope> bookings) {
    Map<Key, State> states = new LinkedHashMap<>();
    for (EventEnvelope e : bookings) {
      BookingFacts facts = ((BookingEvent) e.payload()).booking();
      Key key = new Key(e.tenantId(), facts.bookingId());
      State before = states.get(key);
      String status = statusOf(e.payload());
      states.put(key, new State(key, facts, status != null ? status : before == null ? null : before.status(), e.occurredAt()));
    }
    return states;
  }

  private static String statusOf(Object event) {
    if (event instanceof BookingHeld) {
      return "HELD";
    } else if (event instanceof BookingHoldExpired) {
      return "EXPIRED";
    }
    Kind kind = kindOf(event);
    return kind == null || kind == Kind.RESCHEDULED ? null : kind.name();
  }

  /** Served by the primary key; an older state (a retried dead letter) does not overwrite a newer one. */
  private Mono<Void> saveStates(Map<Key, State> states) {
    if (states.isEmpty()) {
      return Mono.empty();
    }
    List<State> rows = List.copyOf(states.values());
    return db.sql("""
            INSERT INTO analytics_bookings (tenant_id, booking_id, provider_id, location_id, start_at, end_at, status, state_at)
            SELECT * FROM unnest(:tenants::uuid[], :bookings::uuid[], :providers::uuid[], :locations::uuid[],
                :starts::text[]::timestamptz[], :ends::text[]::timestamptz[], :statuses::text[], :at::text[]::timestamptz[])
            ON CONFLICT (tenant_id, booking_id) DO UPDATE
              SET provider_id = EXCLUDED.provider_id, location_id = EXCLUDED.location_id, start_at = EXCLUDED.start_at,
                  end_at = EXCLUDED.end_at, status = coalesce(EXCLUDED.status, analytics_bookings.status), state_at = EXCLUDED.state_at
              WHERE analytics_bookings.state_at IS NULL OR analytics_bookings.state_at <= EXCLUDED.state_at
            """)
        .bind("tenants", rows.stream().map(r -> r.key().tenant()).toArray(UUID[]::new))
        .bind("bookings", rows.stream().map(r -> r.key().booking()).toArray(UUID[]::new))
        .bind("providers", rows.stream().map(r -> r.facts().providerId()).toArray(UUID[]::new))
        .bind("locations", rows.stream().map(r -> r.facts().locationId()).toArray(UUID[]::new))
        .bind("starts", rows.stream().map(r -> text(r.facts().start())).toArray(String[]::new))
        .bind("ends", rows.stream().map(r -> text(r.facts().end())).toArray(String[]::new))
        .bind("statuses", rows.stream().map(State::status).toArray(String[]::new))
        .bind("at", rows.stream().map(r -> r.at().toString()).toArray(String[]::new))
        .then();
  }

  private static String text(java.time.Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** The bookings of the batch whose creation was counted in an earlier batch. */
  private Mono<Set<Key>> created(List<EventEnvelope> bookings) {
    if (bookings.isEmpty()) {
      return Mono.just(new HashSet<>());
    }
    UUID[] tenants = bookings.stream().map(EventEnvelope::tenantId).toArray(UUID[]::new);
    UUID[] ids = bookings.stream().map(e -> ((BookingEvent) e.payload()).booking().bookingId()).toArray(UUID[]::new);
    return db.sql("""
            SELECT b.tenant_id, b.booking_id FROM analytics_bookings b
            JOIN unnest(:tenants::uuid[], :ids::uuid[]) AS t(tenant_id, booking_id)
              ON b.tenant_id = t.tenant_id AND b.booking_id = t.booking_id
            WHERE b.created_day IS NOT NULL
            """)
        .bind("tenants", tenants).bind("ids", ids)
        .map(row -> new Key(row.get("tenant_id", UUID.class), row.get("booking_id", UUID.class)))
        .all()
        .collect(HashSet::new, Set::add);
  }

  private Mono<Void> insertActivity(List<Activity> activity) {
    if (activity.isEmpty()) {
      return Mono.empty();
    }
    int n = activity.size();
    UUID[] tenants = new UUID[n];
    UUID[] bookings = new UUID[n];
    UUID[] events = new UUID[n];
    String[] kinds = new String[n];
    LocalDate[] days = new LocalDate[n];
    UUID[] services = new UUID[n];
    UUID[] providers = new UUID[n];
    UUID[] locations = new UUID[n];
    for (int i = 0; i < n; i++) {
      Activity a = activity.get(i);
      tenants[i] = a.tenant();
      bookings[i] = a.booking();
      events[i] = a.eventId();
      kinds[i] = a.kind().name();
      days[i] = a.day();
      services[i] = a.facts().serviceId();
      providers[i] = a.facts().providerId();
      locations[i] = a.facts().locationId();
    }
    return db.sql("""
            WITH activity AS (
              SELECT * FROM unnest(:tenants::uuid[], :bookings::uuid[], :events::uuid[], :kinds::text[], :days::date[],
                  :services::uuid[], :providers::uuid[], :locations::uuid[])
                AS t(tenant_id, booking_id, event_id, kind, day, service_id, provider_id, location_id)
            ), created AS (
              INSERT INTO analytics_bookings (tenant_id, booking_id, created_day)
              SELECT tenant_id, booking_id, day FROM activity WHERE kind = 'CREATED'
              ON CONFLICT (tenant_id, booking_id) DO UPDATE SET created_day = coalesce(analytics_bookings.created_day, EXCLUDED.created_day)
            )
            INSERT INTO analytics_booking_activity (tenant_id, booking_id, event_id, kind, day, service_id, provider_id, location_id)
            SELECT * FROM activity
            ON CONFLICT DO NOTHING
            """)
        .bind("tenants", tenants).bind("bookings", bookings).bind("events", events).bind("kinds", kinds).bind("days", days)
        .bind("services", services).bind("providers", providers).bind("locations", locations)
        .then();
  }

  /** Each booking's link, whether its booking events came first or not. */
  private Mono<Void> link(Map<Key, UUID> links) {
    UUID[] tenants = links.keySet().stream().map(Key::tenant).toArray(UUID[]::new);
    UUID[] bookings = links.keySet().stream().map(Key::booking).toArray(UUID[]::new);
    UUID[] linkIds = links.values().toArray(UUID[]::new);
    return db.sql("""
            INSERT INTO analytics_bookings (tenant_id, booking_id, link_id)
            SELECT * FROM unnest(:tenants::uuid[], :bookings::uuid[], :links::uuid[])
            ON CONFLICT (tenant_id, booking_id) DO UPDATE SET link_id = EXCLUDED.link_id
            """)
        .bind("tenants", tenants).bind("bookings", bookings).bind("links", linkIds)
        .then();
  }
}
