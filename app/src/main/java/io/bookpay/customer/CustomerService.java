package io.bookpay.customer;

import io.bookpay.events.customer.CustomerDeleted;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.web.ProblemType;
import java.time.Instant;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Registers and finds customers; registration and its event commit together. */
@Service
public class CustomerService {

  private final CustomerRepository customers;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;

  CustomerService(CustomerRepository customers, Outbox outbox, TransactionalOperator tx, Ids ids, Clock clock) {
    this.customers = customers;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<Customer> register(Caller caller, NewCustomer input) {
    Instant now = clock.instant();
    Customer customer =
        new Customer(ids.next(), caller.tenantId(), input.name().trim(), blankToNull(input.email()), blankToNull(input.phone()), 0, now, now);
    return customers.insert(customer, caller.apiKeyId())
        .then(outbox.append(caller.tenantId(),
            new CustomerRegistered(customer.id(), customer.name(), customer.email(), customer.phone())))
        .thenReturn(customer)
        .as(tx::transactional)
        .onErrorMap(e -> SqlStates.is(e, SqlStates.UNIQUE_VIOLATION),
            e -> new ApiException(ProblemType.DUPLICATE, "A customer with the email '" + customer.email() + "' already exists."));
  }

  /** The customer a booking's inline details led to, and whether they were already a customer (matched by email). */
  public record Match(Customer customer, boolean existing) {}

  /**
   * The live customer with this email, or a new one (its event in the caller's transaction). A
   * customer without email is always new. Safe under concurrency: two requests with one new email
   * end with one customer. An existing customer is returned as stored: the input never changes it.
   */
  public Mono<Match> findOrRegister(Caller caller, NewCustomer input) {
    String email = blankToNull(input.email());
    if (email == null) {
      return register(caller, input).map(customer -> new Match(customer, false));
    }
    Instant now = clock.instant();
    Customer candidate =
        new Customer(ids.next(), caller.tenantId(), input.name().trim(), email, blankToNull(input.phone()), 0, now, now);
    return customers.insertUnlessEmailTaken(candidate, caller.apiKeyId())
        .flatMap(inserted -> inserted
            ? outbox.append(caller.tenantId(), new CustomerRegistered(candidate.id(), candidate.name(), email, candidate.phone()))
                .thenReturn(new Match(candidate, false))
            : customers.findByEmail(caller.tenantId(), email).map(existing -> new Match(existing, true)));
  }

  /**
   * The parameters of {@link CustomerSqlFragments#REGISTER_OR_FIND_BY_EMAIL} for inline details, the
   * customer to register (if no live one has the email) taking the id {@code id}: the same customer
   * {@link #findOrRegister} would store.
   */
  public Map<String, Parameter> registerOrFindParameters(Caller caller, UUID id, NewCustomer input, Instant at) {
    return Map.of("customerId", Parameter.from(id), "customerTenantId", Parameter.from(caller.tenantId()),
        "customerName", Parameter.from(input.name().trim()),
        "customerEmail", Parameter.fromOrEmpty(blankToNull(input.email()), String.class),
        "customerPhone", Parameter.fromOrEmpty(blankToNull(input.phone()), String.class),
        "customerAt", Parameter.from(at), "customerCreatedBy", Parameter.fromOrEmpty(caller.apiKeyId(), UUID.class));
  }

  /** The event of a customer registered by a composed statement, in the caller's transaction. */
  public Mono<Void> registeredWithBooking(Caller caller, UUID id, NewCustomer input) {
    return outbox.append(caller.tenantId(),
        new CustomerRegistered(id, input.name().trim(), blankToNull(input.email()), blankToNull(input.phone())));
  }

  /** Soft delete: the customer disappears from the API, their email may be registered again, their bookings stay. */
  public Mono<Void> delete(Caller caller, UUID id) {
    return customers.softDelete(caller.tenantId(), id, clock.instant(), caller.apiKeyId())
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Customer " + id)))
        .then(outbox.append(caller.tenantId(), new CustomerDeleted(id)))
        .as(tx::transactional);
  }

  public Mono<Customer> get(Caller caller, UUID id) {
    return customers.find(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Customer " + id)));
  }

  public Mono<Page<Customer>> list(Caller caller, String email, String cursor, int limit) {
    UUID after = PageCursor.id(cursor);
    return Page.of(customers.page(caller.tenantId(), blankToNull(email), after, limit + 1), limit, c -> PageCursor.after(c.id()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
