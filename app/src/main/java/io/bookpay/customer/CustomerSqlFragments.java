package io.bookpay.customer;

/**
 * The customer's part of statements composed for speed (TableOwnershipTest judges it here, in the
 * package that owns {@code customers}). Parameters are prefixed {@code customer} so that they
 * cannot collide with the composer's own.
 */
public final class CustomerSqlFragments {

  private CustomerSqlFragments() {}

  /**
   * Common table expressions ending in {@code chosen_customer(id, registered)}: the live customer
   * with the given email, or a new one registered with the given id ({@code registered} true),
   * as {@link CustomerService#findOrRegister} decides. Without an email a new customer is always
   * registered. No row when the email was taken by a customer registered concurrently, after the
   * statement's snapshot: the composer retries. Parameters: {@code :customerId}, {@code :customerTenantId},
   * {@code :customerName}, {@code :customerEmail}, {@code :customerPhone}, {@code :customerAt},
   * {@code :customerCreatedBy}.
   */
  public static final String REGISTER_OR_FIND_BY_EMAIL = """
      registered_customer AS (
        INSERT INTO customers (id, tenant_id, name, email, phone, version, created_at, updated_at, created_by)
        VALUES (:customerId, :customerTenantId, :customerName, :customerEmail, :customerPhone, 0, :customerAt, :customerAt,
            :customerCreatedBy)
        ON CONFLICT (tenant_id, lower(email)) WHERE deleted_at IS NULL DO NOTHING
        RETURNING id
      ), found_customer AS (
        SELECT id FROM customers
        WHERE tenant_id = :customerTenantId AND lower(email) = lower(:customerEmail) AND deleted_at IS NULL
      ), chosen_customer AS (
        SELECT id, true AS registered FROM registered_customer
        UNION ALL
        SELECT id, false AS registered FROM found_customer
        LIMIT 1
      )""";
}
