package io.bookpay.claim;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.IntegrationTest.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A tenant with a service, a plan covering it (80 % after a 2,000 copay, 50,000 a year) and an enrolled customer. */
final class ClaimFixture {

  final WebTestClient http;
  final TestTenant tenant;
  final CatalogFixture catalog;
  final UUID customerId;
  final UUID planId;
  final UUID serviceId;

  ClaimFixture(WebTestClient http) {
    this.http = http;
    this.tenant = IntegrationTest.newTenant(http);
    this.catalog = new CatalogFixture(http, tenant).build(1);
    this.serviceId = catalog.serviceId;
    this.customerId = IntegrationTest.newCustomer(http, tenant, "Member", "member-" + UUID.randomUUID() + "@example.com");
    this.planId = id(created("/v1/insurance-plans", Map.of("name", "Gold PPO", "payer", "Acme Health", "planCode", "GOLD-" + UUID.randomUUID())));
    created("/v1/insurance-plans/" + planId + "/coverage-rules", Map.of("serviceId", serviceId, "coveragePercent", 80, "copayAmount", 2_000,
        "annualLimitAmount", 50_000, "currency", "EUR"));
    created("/v1/enrolments", Map.of("customerId", customerId, "planId", planId, "memberNumber", "M-" + UUID.randomUUID(),
        "validFrom", "2026-01-01"));
  }

  Map<String, Object> claim(String serviceDate, long... amounts) {
    List<Map<String, Object>> items = new java.util.ArrayList<>();
    for (long amount : amounts) {
      items.add(Map.of("serviceId", serviceId, "amount", amount));
    }
    Map<String, Object> body = new HashMap<>(Map.of("customerId", customerId, "planId", planId, "items", items));
    if (serviceDate != null) {
      body.put("serviceDate", serviceDate);
    }
    return created("/v1/claims", body);
  }

  /** Moves a claim one step with the version it was read at; returns the exchange. */
  EntityExchangeResult<Map> move(String claimId, String etag, String to, String reason, Long approved) {
    Map<String, Object> body = new HashMap<>(Map.of("to", to));
    if (reason != null) {
      body.put("reason", reason);
    }
    if (approved != null) {
      body.put("approvedAmount", approved);
    }
    WebTestClient.RequestBodySpec spec = http.post().uri("/v1/claims/" + claimId + "/transitions")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    if (etag != null) {
      spec = spec.header(HttpHeaders.IF_MATCH, etag);
    }
    return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody(Map.class).returnResult();
  }

  /** Moves a claim along a path of states (reasons and amounts filled in); returns its last ETag. */
  String walk(String claimId, String... path) {
    String etag = etag(claimId);
    for (String to : path) {
      EntityExchangeResult<Map> result = move(claimId, etag, to, needsReason(to) ? "because " + to : null,
          to.equals("APPROVED") ? 1_000L : null);
      if (result.getStatus().value() != 200) {
        throw new AssertionError("could not move " + claimId + " to " + to + ": " + result.getResponseBody());
      }
      etag = result.getResponseHeaders().getETag();
    }
    return etag;
  }

  static boolean needsReason(String to) {
    return to.equals("REJECTED") || to.equals("ADDITIONAL_INFO_REQUIRED");
  }

  String etag(String claimId) {
    return http.get().uri("/v1/claims/" + claimId).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange()
        .expectStatus().isOk().returnResult(Map.class).getResponseHeaders().getETag();
  }

  Map<String, Object> get(String path) {
    return body(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange().expectStatus().isOk());
  }

  WebTestClient.ResponseSpec post(String path, Object body) {
    WebTestClient.RequestBodySpec spec = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  Map<String, Object> created(String path, Object body) {
    return body(post(path, body).expectStatus().isCreated());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
    return spec.expectBody(Map.class).returnResult().getResponseBody();
  }

  static UUID id(Map<String, Object> body) {
    return UUID.fromString((String) body.get("id"));
  }

  static long num(Map<?, ?> body, String field) {
    return ((Number) body.get(field)).longValue();
  }
}
