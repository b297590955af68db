package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Who wrote what, paging through bookings, and customers' soft delete. */
class BookingRecordsIntegrationTest extends IntegrationTest {

  @Test
  void bookingsRecordTheActingKeyAndPageByStart() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(2);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(catalog.book(catalog.providerIds.get(i % 2), CatalogFixture.nextWeekAt(9 + i, 0)));
    }
    assertThat(sql.count("SELECT count(*) FROM bookings b JOIN api_keys k ON k.id = b.created_by AND k.id = b.updated_by"
        + " WHERE b.tenant_id = ? AND k.tenant_id = ?", tenant.id(), tenant.id())).isEqualTo(5);

    List<Object> seen = new ArrayList<>();
    String cursor = null;
    do {
      Map<?, ?> page = catalog.get("/v1/bookings?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
          .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
      ((List<?>) page.get("items")).forEach(item -> seen.add(((Map<?, ?>) item).get("id")));
      cursor = (String) page.get("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());

    Instant from = CatalogFixture.nextWeekAt(10, 0);
    catalog.get("/v1/bookings?from=" + from + "&to=" + from.plus(Duration.ofHours(2)) + "&providerId=" + catalog.providerIds.get(1))
        .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1)
        .jsonPath("$.items[0].id").isEqualTo(ids.get(1).toString());
  }

  @Test
  void aDeletedCustomerDisappearsAndFreesTheEmail() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID customer = newCustomer(http, tenant, "Grace", "grace@example.com");
    UUID booking = catalog.book(catalog.provider(), CatalogFixture.nextWeekAt(9, 0));

    http.delete().uri("/v1/customers/" + customer).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    catalog.get("/v1/customers/" + customer).expectStatus().isNotFound();
    catalog.get("/v1/customers?email=grace@example.com").expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    http.delete().uri("/v1/customers/" + customer).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNotFound();
    // The row stays (soft delete), with who deleted it; the email can be registered again.
    assertThat(sql.count("SELECT count(*) FROM customers WHERE id = ? AND deleted_at IS NOT NULL AND updated_by IS NOT NULL", customer)).isEqualTo(1);
    UUID again = newCustomer(http, tenant, "Grace", "grace@example.com");
    assertThat(again).isNotEqualTo(customer);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'CustomerDeleted'", customer)).isEqualTo(1);
    // A booking for a deleted customer id is refused; existing bookings stay.
    Map<String, Object> body = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(11, 0));
    body.remove("customer");
    body.put("customerId", customer.toString());
    catalog.post("/v1/bookings", body).expectStatus().isEqualTo(422)
        .expectBody().jsonPath("$.detail").isEqualTo("Customer " + customer + " does not exist.");
    catalog.get("/v1/bookings/" + booking).expectStatus().isOk();
  }

  @Test
  void anInlineCustomerWithAKnownEmailIsReused() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID customer = newCustomer(http, tenant, "Ada", "ada@example.com");
    Map<String, Object> body = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(9, 0));
    body.put("customer", Map.of("name", "Ada L.", "email", "ADA@example.com"));
    catalog.post("/v1/bookings", body).expectStatus().isCreated()
        .expectBody().jsonPath("$.customerId").isEqualTo(customer.toString());
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
  }
}
