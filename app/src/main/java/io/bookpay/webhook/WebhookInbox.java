package io.bookpay.webhook;

import io.bookpay.platform.web.PageCursor;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code webhook_inbox}. */
@Repository
class WebhookInbox {

  private static final String COLUMNS = "id, tenant_id, provider, event_id, event_type, status, outcome, attempts, next_attempt_at,"
      + " last_error, received_at, processed_at, payload";

  private final DatabaseClient db;

  WebhookInbox(DatabaseClient db) {
    this.db = db;
  }

  /** Stores an event unless the same provider event is there already; true when it was new. */
  Mono<Boolean> store(UUID id, UUID tenantId, String provider, String eventId, String type, String payload, Instant now) {
    return db.sql("""
            INSERT INTO webhook_inbox (id, tenant_id, provider, event_id, event_type, payload, status, next_attempt_at, received_at)
            VALUES (:id, :tenantId, :provider, :eventId, :type, :payload, 'PENDING', :now, :now)
            ON CONFLICT (tenant_id, provider, event_id) DO NOTHING
            RETURNING id
            """)
        .bind("id", id).bind("tenantId", tenantId).bind("provider", provider).bind("eventId", eventId).bind("type", type)
        .bind("payload", payload).bind("now", now)
        .map(row -> row.get("id", UUID.class)).all().collectList()
        .map(rows -> !rows.isEmpty());
  }

  /** Ids of PENDING events that are due, oldest first. No lock: each is locked when processed. */
  Mono<List<UUID>> due(Instant now, int limit) {
    return db.sql("SELECT id FROM webhook_inbox WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit")
        .bind("now", now).bind("limit", limit).map(row -> row.get("id", UUID.class)).all().collectList();
  }

  /** Locks a PENDING event for this transaction; empty if another processor has it or it is done. */
  Mono<InboxEvent> lockPending(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM webhook_inbox WHERE id = :id AND status = 'PENDING' FOR UPDATE SKIP LOCKED")
        .bind("id", id).map(WebhookInbox::map).all().collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(rows.get(0)));
  }

  Mono<Void> finish(UUID id, String status, String outcome, Instant now) {
    return db.sql("""
            UPDATE webhook_inbox SET status = :status, outcome = :outcome, attempts = attempts + 1, processed_at = :now, last_error = NULL
            WHERE id = :id
            """)
        .bind("status", status).bind("outcome", outcome).bind("now", now).bind("id", id).then();
  }

  /** Records a failed try: again at {@code next}, or parked as FAILED when {@code park}. */
  Mono<Void> failed(UUID id, String error, Instant next, boolean park, Instant now) {
    return db.sql("""
            UPDATE webhook_inbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                status = CASE WHEN :park THEN 'FAILED' ELSE status END,
                processed_at = CASE WHEN :park THEN CAST(:now AS timestamptz) ELSE processed_at END
            WHERE id = :id AND status = 'PENDING'
            """)
        .bind("error", error.length() > 2000 ? error.substring(0, 2000) : error).bind("next", next).bind("park", park)
        .bind("now", now).bind("id", id).then();
  }

  Mono<Integer> attempts(UUID id) {
    return db.sql("SELECT attempts FROM webhook_inbox WHERE id = :id").bind("id", id).map(row -> row.get("attempts", Integer.class)).one();
  }

  Mono<InboxEvent> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM webhook_inbox WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(WebhookInbox::map).one();
  }

  /** Back to PENDING, due now, with a fresh count of tries. */
  Mono<InboxEvent> replay(UUID tenantId, UUID id, Instant now) {
    return db.sql("""
            UPDATE webhook_inbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL, outcome = NULL,
                processed_at = NULL
            WHERE tenant_id = :tenantId AND id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("now", now).bind("tenantId", tenantId).bind("id", id).map(WebhookInbox::map).one();
  }

  /**
   * A page newest first: after {@code after} (the receipt time and id of the last event shown) or,
   * as the deprecated {@code before} parameter asked, received before an instant. Served by
   * webhook_inbox_tenant_idx.
   */
  Flux<InboxEvent> page(UUID tenantId, String status, PageCursor.Keyed after, Instant before, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_inbox WHERE tenant_id = :tenantId");
    if (status != null) sql.append(" AND status = :status");
    if (after != null) sql.append(" AND (received_at, id) < (:afterAt, :afterId)");
    if (before != null) sql.append(" AND received_at < :before");
    sql.append(" ORDER BY received_at DESC, id DESC LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId).bind("limit", limit);
    if (status != null) spec = spec.bind("status", status);
    if (after != null) spec = spec.bind("afterAt", after.at()).bind("afterId", after.id());
    if (before != null) spec = spec.bind("before", Parameter.from(before));
    return spec.map(WebhookInbox::map).all();
  }

  Mono<Long> pending() {
    return db.sql("SELECT count(*) AS n FROM webhook_inbox WHERE status = 'PENDING'").map(row -> row.get("n", Long.class)).one();
  }

  private static InboxEvent map(Readable row) {
    return new InboxEvent(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("provider", String.class),
        row.get("event_id", String.class), row.get("event_type", String.class), row.get("status", String.class),
        row.get("outcome", String.class), row.get("attempts", Integer.class), row.get("next_attempt_at", Instant.class),
        row.get("last_error", String.class), row.get("received_at", Instant.class), row.get("processed_at", Instant.class),
        row.get("payload", String.class));
  }
}
