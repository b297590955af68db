package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A booking's or a link's body that names an unknown service, provider or customer is 422, as the
 * error table says (the URL was fine, the body was not), and nothing is written.
 */
class UnknownReferenceIntegrationTest extends IntegrationTest {

  private static final String UNPROCESSABLE = "https://bookpay.io/problems/unprocessable";

  @Test
  void aBookingNamingSomethingUnknownIs422() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID unknown = UUID.randomUUID();

    Map<String, Object> service = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(9, 0));
    service.put("serviceId", unknown);
    refused(catalog, "/v1/bookings", service, "Service " + unknown + " does not exist.");

    Map<String, Object> provider = catalog.booking(unknown, CatalogFixture.nextWeekAt(9, 0));
    catalog.post("/v1/bookings", provider).expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(UNPROCESSABLE);

    Map<String, Object> customer = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(9, 0));
    customer.remove("customer");
    customer.put("customerId", unknown);
    refused(catalog, "/v1/bookings", customer, "Customer " + unknown + " does not exist.");

    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void aLinkNamingSomethingUnknownIs422() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID unknown = UUID.randomUUID();

    refused(catalog, "/v1/links", new HashMap<>(Map.of("serviceId", unknown)), "Service " + unknown + " does not exist.");
    refused(catalog, "/v1/links", new HashMap<>(Map.of("serviceId", catalog.serviceId, "providerId", unknown)),
        "Provider " + unknown + " does not exist.");
    refused(catalog, "/v1/links", new HashMap<>(Map.of("serviceId", catalog.serviceId, "customer", Map.of("customerId", unknown))),
        "Customer " + unknown + " does not exist.");

    assertThat(sql.count("SELECT count(*) FROM links WHERE tenant_id = ?", tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'LinkCreated'", tenant.id())).isZero();
  }

  private static void refused(CatalogFixture catalog, String path, Map<String, Object> body, String detail) {
    catalog.post(path, body).expectStatus().isEqualTo(422)
        .expectHeader().contentType("application/problem+json")
        .expectBody().jsonPath("$.type").isEqualTo(UNPROCESSABLE).jsonPath("$.detail").isEqualTo(detail);
  }
}
