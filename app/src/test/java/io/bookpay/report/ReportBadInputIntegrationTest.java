package io.bookpay.report;

import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A report asked for wrongly is a 4xx problem that says what is wrong, never a 500. */
class ReportBadInputIntegrationTest extends IntegrationTest {

  @Test
  void theRangeIsRequiredOrderedAndBounded() {
    TestTenant tenant = newTenant();
    for (String report : List.of("bookings", "funnel", "claims", "utilisation", "financial", "gift-cards", "packages", "memberships",
        "reconciliation")) {
      String base = "/v1/reports/" + report;
      invalid(tenant, base + "?to=2026-03-31", "from");
      invalid(tenant, base + "?from=2026-03-01", "to");
      invalid(tenant, base + "?from=2026-03-31&to=2026-03-01", "to");
      invalid(tenant, base + "?from=2025-01-01&to=2026-03-31", "to");
      invalid(tenant, base + "?from=2026-13-01&to=2026-03-31", "from");
      invalid(tenant, base + "?from=yesterday&to=2026-03-31", "from");
      // Far-off dates are refused before any calendar arithmetic could overflow.
      invalid(tenant, base + "?from=+999999999-12-30&to=+999999999-12-31", "from");
      invalid(tenant, base + "?from=1999-12-31&to=2000-01-01", "from");
      invalid(tenant, base + "?from=2199-12-31&to=2200-01-01", "to");
      get(tenant, base + "?from=2026-03-01&to=2026-03-31", MediaType.TEXT_HTML).expectStatus().isEqualTo(406)
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.detail").isEqualTo("This resource answers in application/json or text/csv only.");
    }
    invalid(tenant, "/v1/reports/bookings?from=2026-03-01&to=2026-03-31&groupBy=year", "groupBy");
    invalid(tenant, "/v1/reports/bookings?from=2026-03-01&to=2026-03-31&serviceId=not-a-uuid", "serviceId");
    invalid(tenant, "/v1/reports/funnel?from=2026-03-01&to=2026-03-31&linkId=42", "linkId");
    invalid(tenant, "/v1/reports/claims?from=2023-01-01&to=2026-03-31&groupBy=month", "to");
    invalid(tenant, "/v1/reports/financial?from=2026-03-01&to=2026-03-31&groupBy=hour", "groupBy");
    for (String report : List.of("financial", "gift-cards", "packages", "memberships")) {
      invalid(tenant, "/v1/reports/" + report + "?from=2026-03-01&to=2026-03-31&currency=EURO", "currency");
      invalid(tenant, "/v1/reports/" + report + "?from=2026-03-01&to=2026-03-31&currency=E1R", "currency");
    }
    invalid(tenant, "/v1/reports/receivables?on=2026-02-30", "on");
    invalid(tenant, "/v1/reports/receivables?on=1999-12-31", "on");
    invalid(tenant, "/v1/reports/receivables?on=2026-03-31&currency=12", "currency");
    // Grouped by month, two years are fine.
    get(tenant, "/v1/reports/bookings?from=2024-04-01&to=2026-03-31&groupBy=month", MediaType.APPLICATION_JSON).expectStatus().isOk()
        .expectBody().jsonPath("$.periods.length()").isEqualTo(24);
  }

  @Test
  void aKeyWithoutReportsReadIsForbidden() {
    TestTenant tenant = newTenant();
    Map<?, ?> key = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "bookings only", "scopes", List.of("bookings:read")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    for (String report : List.of("bookings", "funnel", "claims", "utilisation", "financial", "receivables", "gift-cards", "packages",
        "memberships", "reconciliation")) {
      http.get().uri("/v1/reports/" + report + "?from=2026-03-01&to=2026-03-31").header(HttpHeaders.AUTHORIZATION, "Bearer " + key.get("key"))
          .exchange().expectStatus().isForbidden()
          .expectBody().jsonPath("$.requiredScope").isEqualTo("reports:read");
      http.get().uri("/v1/reports/" + report + "?from=2026-03-01&to=2026-03-31").exchange().expectStatus().isUnauthorized();
    }
  }

  private void invalid(TestTenant tenant, String uri, String field) {
    get(tenant, uri, MediaType.APPLICATION_JSON).expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    // Asked for as CSV, the problem is still problem+json.
    get(tenant, uri, MediaType.parseMediaType("text/csv")).expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private WebTestClient.ResponseSpec get(TestTenant tenant, String uri, MediaType accept) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).accept(accept).exchange();
  }
}
