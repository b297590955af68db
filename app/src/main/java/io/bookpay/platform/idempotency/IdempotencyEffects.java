package io.bookpay.platform.idempotency;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Ties a request's changes to its idempotency key: {@link #mark()}, run inside a transaction that
 * changes data, flags the key in that same transaction. If the process dies after the commit but
 * before the answer is stored, the flag tells a retry that the work was done: it gets 409
 * {@code idempotency-key-outcome-unknown} instead of doing the work a second time. The outbox marks
 * every transaction that emits events; writes without events call it themselves.
 */
@Component
public class IdempotencyEffects {

  private static final Object KEY = IdempotencyEffects.class;
  /** Bound to a transaction once its request's key is marked. */
  private static final Object MARKED = new Object();

  record Claimed(String scope, String key) {}

  private final DatabaseClient db;

  IdempotencyEffects(DatabaseClient db) {
    this.db = db;
  }

  static Context bind(Context context, String scope, String key) {
    return context.put(KEY, new Claimed(scope, key));
  }

  /**
   * In the caller's transaction, once per transaction however often it is called; nothing when the
   * request carries no idempotency key.
   */
  public Mono<Void> mark() {
    return Mono.deferContextual(context -> context.<Claimed>getOrEmpty(KEY)
        .map(claimed -> TransactionSynchronizationManager.forCurrentTransaction().flatMap(tx -> {
          if (tx.hasResource(MARKED)) {
            return Mono.<Void>empty();
          }
          tx.bindResource(MARKED, Boolean.TRUE);
          return db.sql("""
                  UPDATE idempotency_keys SET effects_committed = true
                  WHERE scope = :scope AND idempotency_key = :key AND status = 'IN_FLIGHT' AND NOT effects_committed
                  """)
              .bind("scope", claimed.scope()).bind("key", claimed.key()).then();
        }))
        .orElse(Mono.empty()));
  }
}
