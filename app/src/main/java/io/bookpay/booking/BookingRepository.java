package io.bookpay.booking;

import io.bookpay.catalog.ProviderSchedule.Range;
import io.bookpay.customer.CustomerSqlFragments;
import io.bookpay.platform.db.SqlFile;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code bookings} and {@code booking_status_history}. Every query filters on the tenant. */
@Repository
class BookingRepository {

  private static final String COLUMNS =
      "id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at, hold_expires_at,"
          + " price_amount, currency, notes, version, created_at, updated_at, attendee_name, attendee_email, attendee_phone,"
          + " attendee_verified";

  /** Also run by bench/burst's pgbench scripts. */
  private static final String BUSY = SqlFile.load(BookingRepository.class, "busy.sql");

  /** Also run by bench/burst's pgbench scripts. */
  private static final String EXPIRE_LAPSED_HOLDS = SqlFile.load(BookingRepository.class, "expire-lapsed-holds.sql");

  /** Also run by bench/burst's pgbench scripts. */
  private static final String INSERT = SqlFile.load(BookingRepository.class, "insert.sql");

  /** Also run by bench/burst's pgbench scripts. */
  private static final String RECORD_HISTORY = SqlFile.load(BookingRepository.class, "record-history.sql");

  private final DatabaseClient db;

  BookingRepository(DatabaseClient db) {
    this.db = db;
  }

  /**
   * The booking and the first line of its history, in one statement. The exclusion constraint
   * bookings_no_overlap rejects it (23P01) when the blocked range is taken.
   */
  Mono<Void> insert(Booking b, Instant blockedStart, Instant blockedEnd, UUID actor, String historyActor) {
    return bindBooking(db.sql(INSERT), b, blockedStart, blockedEnd, actor, historyActor)
        .bind("customerId", b.customerId()).bind("attendeeVerified", b.attendeeVerified())
        .then();
  }

  /** The parameters insert.sql and the composed statement share: the row but its customer and whether it is verified. */
  private static DatabaseClient.GenericExecuteSpec bindBooking(DatabaseClient.GenericExecuteSpec spec, Booking b,
      Instant blockedStart, Instant blockedEnd, UUID actor, String historyActor) {
    return spec
        .bind("id", b.id()).bind("tenantId", b.tenantId()).bind("serviceId", b.serviceId()).bind("providerId", b.providerId())
        .bind("locationId", b.locationId()).bind("status", b.status().name())
        .bind("start", b.start()).bind("end", b.end()).bind("blockedStart", blockedStart).bind("blockedEnd", blockedEnd)
        .bind("holdExpiresAt", Parameter.fromOrEmpty(b.holdExpiresAt(), Instant.class))
        .bind("price", b.priceAmount()).bind("currency", b.currency()).bind("notes", Parameter.fromOrEmpty(b.notes(), String.class))
        .bind("at", b.createdAt()).bind("actor", Parameter.fromOrEmpty(actor, UUID.class)).bind("historyActor", historyActor)
        .bind("attendeeName", Parameter.fromOrEmpty(b.attendee().name(), String.class))
        .bind("attendeeEmail", Parameter.fromOrEmpty(b.attendee().email(), String.class))
        .bind("attendeePhone", Parameter.fromOrEmpty(b.attendee().phone(), String.class));
  }

  /** What the composed statement did: the customer chosen (none when one was registered concurrently), and the other change's row. */
  record Composed<R>(UUID customerId, boolean registered, boolean booked, R with) {}

  /** The composed statements, one per other change (a link's use): built once. */
  private final Map<String, String> composed = new ConcurrentHashMap<>();

  /**
   * In one statement: the customer found by email or registered
   * ({@link CustomerSqlFragments#REGISTER_OR_FIND_BY_EMAIL}), the other feature's change, and,
   * only if both gave a row, the booking (on the chosen customer; verified when {@code trusted} or
   * the customer is new) and the first line of its history. Always one row back. The exclusion
   * constraint rejects it (23P01) when the blocked range is taken, as {@link #insert} is.
   */
  <R> Mono<Composed<R>> insertWith(Booking b, Instant blockedStart, Instant blockedEnd, UUID actor, String historyActor,
      boolean trusted, Map<String, Parameter> customer, WithBooking<R> with) {
    String sql = composed.computeIfAbsent(with.cte(), cte -> compose(with.name(), cte));
    return bindBooking(db.sql(sql), b, blockedStart, blockedEnd, actor, historyActor)
        .bind("trusted", trusted)
        .bindValues(customer)
        .bindValues(with.parameters())
        .map(row -> new Composed<>(row.get("chosen_customer_id", UUID.class),
            Boolean.TRUE.equals(row.get("chosen_customer_registered", Boolean.class)),
            Boolean.TRUE.equals(row.get("booked", Boolean.class)),
            Boolean.TRUE.equals(row.get("with_found", Boolean.class)) ? with.read().apply(row) : null))
        .one();
  }

  /** Also written to bench/burst/link-booking.sql for pgbench (ComposedStatementTest keeps them equal). */
  static String compose(String name, String cte) {
    return "WITH " + CustomerSqlFragments.REGISTER_OR_FIND_BY_EMAIL + ",\n" + cte + ",\n" + """
        booked AS (
          INSERT INTO bookings (id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at,
              blocked, hold_expires_at, price_amount, currency, notes, version, created_at, updated_at, created_by, updated_by,
              attendee_name, attendee_email, attendee_phone, attendee_verified)
          SELECT :id, :tenantId, :serviceId, :providerId, :locationId, c.id, :status, :start, :end,
              tstzrange(:blockedStart, :blockedEnd, '[)'), :holdExpiresAt, :price, :currency, :notes, 0, :at, :at, :actor, :actor,
              :attendeeName, :attendeeEmail, :attendeePhone, :trusted OR c.registered
          FROM chosen_customer c CROSS JOIN (SELECT 1 FROM %1$s LIMIT 1) w
          RETURNING tenant_id, id, status
        ), booked_history AS (
          INSERT INTO booking_status_history (tenant_id, booking_id, from_status, to_status, actor, reason, at)
          SELECT tenant_id, id, NULL, status, :historyActor, NULL, :at FROM booked
        )
        SELECT c.id AS chosen_customer_id, c.registered AS chosen_customer_registered, EXISTS (SELECT 1 FROM booked) AS booked,
            w.found IS NOT NULL AS with_found, w.*
        FROM (SELECT 1) AS one
        LEFT JOIN chosen_customer c ON true
        LEFT JOIN (SELECT true AS found, x.* FROM %1$s x) w ON true
        """.formatted(name);
  }

  /** The other feature's change as a statement of its own: its row, or empty when it made none. */
  <R> Mono<R> runAlone(WithBooking<R> with) {
    return db.sql("WITH " + with.cte() + " SELECT * FROM " + with.name())
        .bindValues(with.parameters())
        .map(row -> with.read().apply(row)).one();
  }

  /**
   * Expires lapsed holds of a provider that overlap a range, so they never block a new booking.
   * Served by the exclusion constraint's gist index (provider_id, blocked).
   */
  Flux<Booking> expireLapsedHolds(UUID providerId, Instant blockedStart, Instant blockedEnd, Instant now) {
    return db.sql(EXPIRE_LAPSED_HOLDS)
        .bind("providerId", providerId).bind("now", now).bind("blockedStart", blockedStart).bind("blockedEnd", blockedEnd)
        .map(BookingRepository::map).all();
  }

  /** Expires up to {@code limit} lapsed holds of any tenant; rows another sweeper holds are skipped. */
  Flux<Booking> expireLapsedHolds(Instant now, int limit) {
    return db.sql("""
            WITH lapsed AS (
              SELECT id FROM bookings WHERE status = 'HELD' AND hold_expires_at <= :now
              ORDER BY hold_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            UPDATE bookings b SET status = 'EXPIRED', version = b.version + 1, updated_at = :now
            FROM lapsed WHERE b.id = lapsed.id
            RETURNING b.id, b.tenant_id, b.service_id, b.provider_id, b.location_id, b.customer_id, b.status, b.start_at,
                      b.end_at, b.hold_expires_at, b.price_amount, b.currency, b.notes, b.version, b.created_at, b.updated_at,
                      b.attendee_name, b.attendee_email, b.attendee_phone, b.attendee_verified
            """)
        .bind("now", now).bind("limit", limit)
        .map(BookingRepository::map).all();
  }

  Mono<Booking> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(BookingRepository::map).one();
  }

  /** Locks the row for the rest of the transaction. */
  Mono<Booking> lock(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
        .bind("tenantId", tenantId).bind("id", id).map(BookingRepository::map).one();
  }

  /** Moves the status only from the one the caller saw. */
  Mono<Booking> changeStatus(UUID tenantId, UUID id, BookingStatus from, BookingStatus to, Instant now, UUID actor) {
    return db.sql("""
            UPDATE bookings SET status = :to, version = version + 1, updated_at = :now, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id AND status = :from
            """ + " RETURNING " + COLUMNS)
        .bind("to", to.name()).bind("now", now).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id).bind("from", from.name())
        .map(BookingRepository::map).one();
  }

  Mono<Booking> move(UUID tenantId, UUID id, UUID locationId, Instant start, Instant end, Instant blockedStart, Instant blockedEnd,
      Instant now, UUID actor) {
    return db.sql("""
            UPDATE bookings SET location_id = :locationId, start_at = :start, end_at = :end,
                blocked = tstzrange(:blockedStart, :blockedEnd, '[)'), version = version + 1, updated_at = :now, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("locationId", locationId).bind("start", start).bind("end", end)
        .bind("blockedStart", blockedStart).bind("blockedEnd", blockedEnd).bind("now", now)
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class)).bind("tenantId", tenantId).bind("id", id)
        .map(BookingRepository::map).one();
  }

  Mono<Void> recordHistory(List<Booking> bookings, BookingStatus from, String actor, String reason, Instant at) {
    if (bookings.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(RECORD_HISTORY)
        .bind("from", Parameter.fromOrEmpty(from == null ? null : from.name(), String.class))
        .bind("actor", actor).bind("reason", Parameter.fromOrEmpty(reason, String.class)).bind("at", at)
        .bind("tenantIds", bookings.stream().map(Booking::tenantId).toArray(UUID[]::new))
        .bind("bookingIds", bookings.stream().map(Booking::id).toArray(UUID[]::new))
        .bind("toStatuses", bookings.stream().map(b -> b.status().name()).toArray(String[]::new))
        .then();
  }

  Flux<HistoryEntry> history(UUID tenantId, UUID bookingId) {
    return db.sql("""
            SELECT from_status, to_status, actor, reason, at FROM booking_status_history
            WHERE tenant_id = :tenantId AND booking_id = :bookingId ORDER BY id
            """)
        .bind("tenantId", tenantId).bind("bookingId", bookingId)
        .map(row -> new HistoryEntry(row.get("from_status", String.class), row.get("to_status", String.class),
            row.get("actor", String.class), row.get("reason", String.class), row.get("at", Instant.class)))
        .all();
  }

  /**
   * Blocked ranges of the providers' active bookings that overlap [from, to): CONFIRMED ones and
   * HELD ones whose hold has not lapsed. Served by the gist index of bookings_no_overlap.
   */
  /**
   * The blocked ranges of the providers' HELD and CONFIRMED bookings overlapping [from, to), holds
   * with their expiry: the caller judges them against its own now (so a range can be kept a moment,
   * see {@link BusyCache}). Served by the exclusion constraint's gist index, whose predicate this is.
   */
  Flux<BusyRange> busy(Collection<UUID> providerIds, Instant from, Instant to) {
    return db.sql(BUSY)
        .bind("providers", providerIds.toArray(UUID[]::new)).bind("from", from).bind("to", to)
        .map(row -> new BusyRange(row.get("provider_id", UUID.class), new Range(row.get("s", Instant.class), row.get("e", Instant.class)),
            row.get("held_until", Instant.class)))
        .all();
  }

  /** One page in (start, id) order after the cursor; served by bookings_tenant_start_idx. */
  Flux<Booking> page(UUID tenantId, BookingQuery q, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :tenantId");
    if (q.providerId() != null) sql.append(" AND provider_id = :providerId");
    if (q.customerId() != null) sql.append(" AND customer_id = :customerId");
    if (q.status() != null) sql.append(" AND status = :status");
    if (q.from() != null) sql.append(" AND start_at >= :from");
    if (q.to() != null) sql.append(" AND start_at < :to");
    if (q.after() != null) sql.append(" AND (start_at, id) > (:afterStart, :afterId)");
    sql.append(" ORDER BY start_at, id LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId).bind("limit", limit);
    if (q.providerId() != null) spec = spec.bind("providerId", q.providerId());
    if (q.customerId() != null) spec = spec.bind("customerId", q.customerId());
    if (q.status() != null) spec = spec.bind("status", q.status().name());
    if (q.from() != null) spec = spec.bind("from", q.from());
    if (q.to() != null) spec = spec.bind("to", q.to());
    if (q.after() != null) spec = spec.bind("afterStart", q.after().at()).bind("afterId", q.after().id());
    return spec.map(BookingRepository::map).all();
  }

  /** A provider's blocked range; {@code heldUntil} is set for a hold, which stops blocking then. */
  record BusyRange(UUID providerId, Range range, Instant heldUntil) {

    boolean blocksAt(Instant now) {
      return heldUntil == null || heldUntil.isAfter(now);
    }
  }

  private static Booking map(Readable row) {
    return new Booking(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("service_id", UUID.class),
        row.get("provider_id", UUID.class), row.get("location_id", UUID.class), row.get("customer_id", UUID.class),
        BookingStatus.valueOf(row.get("status", String.class)), row.get("start_at", Instant.class), row.get("end_at", Instant.class),
        row.get("hold_expires_at", Instant.class), row.get("price_amount", Long.class), row.get("currency", String.class),
        row.get("notes", String.class), row.get("version", Long.class), row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class),
        new Attendee(row.get("attendee_name", String.class), row.get("attendee_email", String.class), row.get("attendee_phone", String.class)),
        Boolean.TRUE.equals(row.get("attendee_verified", Boolean.class)));
  }
}
