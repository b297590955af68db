package io.bookpay.customer;

import io.bookpay.platform.db.SqlFile;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code customers}. Every query filters on the tenant. */
@Repository
class CustomerRepository {

  private static final String COLUMNS = "id, tenant_id, name, email, phone, version, created_at, updated_at";

  /** Also run by bench/burst's pgbench scripts. */
  private static final String INSERT_UNLESS_EMAIL_TAKEN = SqlFile.load(CustomerRepository.class, "insert-unless-email-taken.sql");

  private final DatabaseClient db;

  CustomerRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Customer customer, UUID createdBy) {
    return db.sql(
            """
            INSERT INTO customers (id, tenant_id, name, email, phone, version, created_at, updated_at, created_by)
            VALUES (:id, :tenantId, :name, :email, :phone, :version, :createdAt, :updatedAt, :createdBy)
            """)
        .bind("id", customer.id())
        .bind("tenantId", customer.tenantId())
        .bind("name", customer.name())
        .bind("email", Parameter.fromOrEmpty(customer.email(), String.class))
        .bind("phone", Parameter.fromOrEmpty(customer.phone(), String.class))
        .bind("version", customer.version())
        .bind("createdAt", customer.createdAt())
        .bind("updatedAt", customer.updatedAt())
        .bind("createdBy", Parameter.fromOrEmpty(createdBy, UUID.class))
        .then();
  }

  Mono<Customer> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM customers WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL")
        .bind("tenantId", tenantId)
        .bind("id", id)
        .map(CustomerRepository::toCustomer)
        .one();
  }

  /**
   * One page in id order after the cursor, optionally filtered by email. Served by
   * customers_tenant_email_uq (email given) or customers_tenant_id_idx.
   */
  Flux<Customer> page(UUID tenantId, String email, UUID after, int limit) {
    String sql =
        "SELECT " + COLUMNS + " FROM customers WHERE tenant_id = :tenantId AND deleted_at IS NULL"
            + (email != null ? " AND lower(email) = lower(:email)" : "")
            + (after != null ? " AND id > :after" : "")
            + " ORDER BY id LIMIT :limit";
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("tenantId", tenantId).bind("limit", limit);
    if (email != null) {
      spec = spec.bind("email", email);
    }
    if (after != null) {
      spec = spec.bind("after", after);
    }
    return spec.map(CustomerRepository::toCustomer).all();
  }

  /** Inserts unless a live customer has the email; the id of whichever exists afterwards. */
  Mono<Boolean> insertUnlessEmailTaken(Customer customer, UUID createdBy) {
    return db.sql(INSERT_UNLESS_EMAIL_TAKEN)
        .bind("id", customer.id())
        .bind("tenantId", customer.tenantId())
        .bind("name", customer.name())
        .bind("email", customer.email())
        .bind("phone", Parameter.fromOrEmpty(customer.phone(), String.class))
        .bind("createdAt", customer.createdAt())
        .bind("createdBy", Parameter.fromOrEmpty(createdBy, UUID.class))
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  Mono<Customer> findByEmail(UUID tenantId, String email) {
    return db.sql("SELECT " + COLUMNS + " FROM customers WHERE tenant_id = :tenantId AND lower(email) = lower(:email) AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("email", email).map(CustomerRepository::toCustomer).one();
  }

  /** Soft delete; false when there is no live customer with this id. */
  Mono<Boolean> softDelete(UUID tenantId, UUID id, Instant at, UUID actor) {
    return db.sql("""
            UPDATE customers SET deleted_at = :at, updated_at = :at, updated_by = :actor, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL
            """)
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class)).bind("tenantId", tenantId).bind("id", id)
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  private static Customer toCustomer(Readable row) {
    return new Customer(
        row.get("id", UUID.class),
        row.get("tenant_id", UUID.class),
        row.get("name", String.class),
        row.get("email", String.class),
        row.get("phone", String.class),
        row.get("version", Long.class),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class));
  }
}
