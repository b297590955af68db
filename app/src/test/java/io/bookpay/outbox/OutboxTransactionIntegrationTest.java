package io.bookpay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The outbox writes a transaction's events in one statement just before it commits: in the order
 * they were appended, only if the transaction commits, and a failure of that write rolls the whole
 * transaction back.
 */
class OutboxTransactionIntegrationTest extends IntegrationTest {

  @Autowired Outbox outbox;
  @Autowired TransactionalOperator tx;
  @Autowired DatabaseClient db;

  @Test
  void eventsAppendedSeparatelyAreWrittenTogetherAtCommitInTheirOrder() {
    UUID tenant = newTenant(http).id();
    List<UUID> customers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    Long seenInsideTheTransaction = outbox.append(tenant, registered(customers.get(0)))
        .then(outbox.append(tenant, registered(customers.get(1))))
        .then(outbox.append(tenant, registered(customers.get(2))))
        // Still queued: nothing has reached the table inside the transaction.
        .then(db.sql("SELECT count(*) AS n FROM outbox WHERE aggregate_id = ANY(:ids)")
            .bind("ids", customers.toArray(UUID[]::new)).map(row -> row.get("n", Long.class)).one())
        .as(tx::transactional)
        .block(Duration.ofSeconds(10));

    assertThat(seenInsideTheTransaction).isZero();
    String ids = "{" + String.join(",", customers.stream().map(UUID::toString).toList()) + "}";
    assertThat(sql.rows("SELECT aggregate_id FROM outbox WHERE aggregate_id = ANY(?::uuid[]) ORDER BY id", ids))
        .extracting(row -> row.get("aggregate_id"))
        .containsExactlyElementsOf(customers);
  }

  @Test
  void aTransactionThatFailsAfterAppendingWritesNoEvent() {
    UUID tenant = newTenant(http).id();
    UUID customer = UUID.randomUUID();

    assertThatThrownBy(() -> outbox.append(tenant, registered(customer))
        .then(Mono.error(new IllegalStateException("the change failed")))
        .as(tx::transactional)
        .block(Duration.ofSeconds(10)))
        .hasMessageContaining("the change failed");

    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", customer)).isZero();
  }

  @Test
  void whenTheEventsCannotBeWrittenAtCommitTheTransactionsChangeIsRolledBack() throws Exception {
    UUID tenant = newTenant(http).id();
    UUID customer = UUID.randomUUID();
    try (Connection blocker = sql.connection(); Statement statement = blocker.createStatement()) {
      // Another session holds the outbox: the write before commit gives up at once (lock_timeout).
      blocker.setAutoCommit(false);
      statement.execute("LOCK TABLE outbox IN EXCLUSIVE MODE");

      assertThatThrownBy(() -> db.sql("SET LOCAL lock_timeout = '50ms'").then()
          .then(db.sql("""
                  INSERT INTO customers (id, tenant_id, name, email, version, created_at, updated_at)
                  VALUES (:id, :tenant, 'Rolled Back', 'rolled-back@example.com', 0, :now, :now)
                  """)
              .bind("id", customer).bind("tenant", tenant).bind("now", Instant.now()).then())
          .then(outbox.append(tenant, registered(customer)))
          .as(tx::transactional)
          .block(Duration.ofSeconds(10)))
          .hasMessageContaining("lock");
      blocker.rollback();
    }

    assertThat(sql.count("SELECT count(*) FROM customers WHERE id = ?", customer)).isZero();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", customer)).isZero();
  }

  private static CustomerRegistered registered(UUID customer) {
    return new CustomerRegistered(customer, "Client " + customer, customer + "@example.com", null);
  }
}
