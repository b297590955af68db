package io.bookpay.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.IntegrationTest.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A tenant with a customer, and shorthands for the money API (invoices, payments, gift cards, sales). */
public final class MoneyFixture {

  public final WebTestClient http;
  public final TestTenant tenant;
  public final UUID customerId;

  public MoneyFixture(WebTestClient http) {
    this(http, IntegrationTest.newTenant(http));
  }

  public MoneyFixture(WebTestClient http, TestTenant tenant) {
    this.http = http;
    this.tenant = tenant;
    this.customerId = IntegrationTest.newCustomer(http, tenant, "Payer", "payer-" + UUID.randomUUID() + "@example.com");
  }

  public UUID newCustomer() {
    return IntegrationTest.newCustomer(http, tenant, "Another", "another-" + UUID.randomUUID() + "@example.com");
  }

  public WebTestClient.ResponseSpec post(String path, Object body) {
    return post(path, body, null);
  }

  public WebTestClient.ResponseSpec post(String path, Object body, String idempotencyKey) {
    WebTestClient.RequestBodySpec spec = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    if (idempotencyKey != null) {
      spec = spec.header("Idempotency-Key", idempotencyKey);
    }
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  public Map<String, Object> get(String path) {
    return body(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange().expectStatus().isOk());
  }

  public Map<String, Object> created(String path, Object body) {
    return body(post(path, body).expectStatus().isCreated());
  }

  public Map<String, Object> ok(String path, Object body) {
    return body(post(path, body).expectStatus().isOk());
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
    return spec.expectBody(Map.class).returnResult().getResponseBody();
  }

  /** A problem+json answer with this status; returns its body. */
  public static Map<String, Object> problem(WebTestClient.ResponseSpec spec, int status) {
    Map<String, Object> body = body(spec.expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(body).containsKeys("type", "title", "status", "detail");
    assertThat(body.toString()).doesNotContain("Exception", "at io.", "at org.");
    return body;
  }

  /** An OPEN invoice with one PRODUCT line of {@code amount}, no tax. */
  public UUID openInvoice(long amount) {
    return openInvoice(customerId, amount, "USD");
  }

  public UUID openInvoice(UUID customer, long amount, String currency) {
    UUID id = draft(customer, currency, List.of(line("PRODUCT", "Serum", 1, amount, null, null)), null);
    ok("/v1/invoices/" + id + "/finalize", null);
    return id;
  }

  public UUID draft(UUID customer, String currency, List<Map<String, Object>> lines, String coupon) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("customerId", customer, "currency", currency, "lineItems", lines));
    if (coupon != null) {
      body.put("couponCode", coupon);
    }
    return UUID.fromString((String) created("/v1/invoices", body).get("id"));
  }

  public static Map<String, Object> line(String kind, String description, int quantity, long unitAmount, Object taxRate, UUID refId) {
    Map<String, Object> line = new java.util.HashMap<>(Map.of("kind", kind, "description", description, "quantity", quantity,
        "unitAmount", unitAmount));
    if (taxRate != null) {
      line.put("taxRate", taxRate);
    }
    if (refId != null) {
      line.put("refId", refId);
    }
    return line;
  }

  public Map<String, Object> pay(UUID invoice, String method, long amount) {
    return created("/v1/invoices/" + invoice + "/payments", Map.of("method", method, "amount", amount));
  }

  /** Issues a gift card worth {@code amount} USD; returns {id, code}. */
  public Map<String, Object> giftCard(long amount) {
    return created("/v1/gift-cards", Map.of("amount", amount, "currency", "USD"));
  }

  public static long num(Map<String, Object> body, String field) {
    return ((Number) body.get(field)).longValue();
  }
}
