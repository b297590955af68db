package io.bookpay.testsupport;

import static io.bookpay.testsupport.IntegrationTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest.TestTenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** One tenant's API, with builders for the rows its lists and routes hold (one valid row of each kind). */
public final class TenantApi {

  public final WebTestClient http;
  public final TestTenant tenant;

  public TenantApi(WebTestClient http, TestTenant tenant) {
    this.http = http;
    this.tenant = tenant;
  }

  public String auth() {
    return "Bearer " + tenant.apiKey();
  }

  public String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  public List<String> times(int n, java.util.function.Supplier<String> make) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(make.get());
    }
    return ids;
  }

  public String customer() {
    return newCustomer(http, tenant, "Client", "client-" + UUID.randomUUID() + "@example.com").toString();
  }

  public String location() {
    return id("/v1/locations", Map.of("name", "Site " + unique(), "timeZone", "UTC"));
  }

  public String service() {
    return id("/v1/services", Map.of("name", "Service " + unique(), "durationMinutes", 60, "priceAmount", 10_000,
        "currency", "USD", "slotIntervalMinutes", 60));
  }

  public String provider(String location, String service) {
    return id("/v1/providers", Map.of("name", "Provider " + unique(), "locationIds", List.of(location), "serviceIds", List.of(service)));
  }

  /** Bookings a week ahead, one an hour from 09:00 UTC, with one provider who works all day. */
  public List<String> bookings(int n) {
    String location = location();
    String service = service();
    String provider = provider(location, service);
    List<Map<String, Object>> hours = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      hours.add(Map.of("locationId", location, "weekday", day, "start", "08:00", "end", "20:00"));
    }
    http.put().uri("/v1/providers/" + provider + "/working-hours").header(HttpHeaders.AUTHORIZATION, auth())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("hours", hours)).exchange().expectStatus().isOk();
    Instant day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(id("/v1/bookings", Map.of("serviceId", service, "providerId", provider, "start", day.plusSeconds((9 + i) * 3600L).toString(),
          "customer", Map.of("name", "Client", "email", "client-" + UUID.randomUUID() + "@example.com"))));
    }
    return ids;
  }

  public String invoice(String customer, long amount) {
    return id("/v1/invoices", Map.of("customerId", customer, "currency", "USD",
        "lineItems", List.of(Map.of("kind", "PRODUCT", "description", "Serum", "quantity", 1, "unitAmount", amount))));
  }

  public String openInvoice(String customer, long amount) {
    String invoice = invoice(customer, amount);
    ok("/v1/invoices/" + invoice + "/finalize", null);
    return invoice;
  }

  public void paidInvoice(String customer, List<Map<String, Object>> lines, long total) {
    String invoice = id("/v1/invoices", Map.of("customerId", customer, "currency", "USD", "lineItems", lines));
    ok("/v1/invoices/" + invoice + "/finalize", null);
    created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", total));
  }

  public String giftCard() {
    return id("/v1/gift-cards", Map.of("amount", 5_000, "currency", "USD"));
  }

  public String packageOf(String service) {
    return id("/v1/packages", Map.of("name", "Pack " + unique(), "serviceId", service, "sessions", 3, "priceAmount", 5_000,
        "currency", "USD"));
  }

  public String tier() {
    return id("/v1/membership-tiers", Map.of("name", "Tier " + unique(), "priceAmount", 2_000, "currency", "USD", "period", "MONTH"));
  }

  public String plan() {
    return id("/v1/insurance-plans", Map.of("name", "Plan " + unique(), "payer", "Acme Health", "planCode", "P-" + unique()));
  }

  public String rule(String plan, String service) {
    return id("/v1/insurance-plans/" + plan + "/coverage-rules", Map.of("serviceId", service, "coveragePercent", 80,
        "copayAmount", 1_000, "currency", "USD"));
  }

  public String enrol(String customer, String plan) {
    return id("/v1/enrolments", Map.of("customerId", customer, "planId", plan, "memberNumber", "M-" + unique(),
        "validFrom", "2026-01-01"));
  }

  /** A service, a customer enrolled in a plan, and the plan: what a claim needs. */
  public String[] claimable() {
    String service = service();
    String customer = customer();
    String plan = plan();
    rule(plan, service);
    enrol(customer, plan);
    return new String[] {service, customer, plan};
  }

  public String claim(String[] claimable) {
    return id("/v1/claims", Map.of("customerId", claimable[1], "planId", claimable[2], "serviceDate", "2026-06-01",
        "items", List.of(Map.of("serviceId", claimable[0], "amount", 10_000))));
  }

  /** Uploads a small PDF to the claim; returns the document's id. */
  public String document(String claim) {
    MultipartBodyBuilder parts = new MultipartBodyBuilder();
    parts.part("file", new ByteArrayResource("%PDF-1.4 a letter".getBytes(StandardCharsets.US_ASCII)) {
      @Override
      public String getFilename() {
        return "letter.pdf";
      }
    }).contentType(MediaType.APPLICATION_PDF);
    return String.valueOf(body(http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, auth())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build())).exchange()
        .expectStatus().isCreated()).get("id"));
  }

  /** Delivers one signed Stripe event; returns its event id. */
  public String stripeEvent(String secret) {
    String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
    String payload = """
        {"id":"%s","object":"event","type":"customer.created","created":1700000000,"livemode":false,
         "data":{"object":{"id":"cus_1","object":"customer"}}}""".formatted(eventId);
    http.post().uri("/v1/webhooks/stripe/" + tenant.id()).contentType(MediaType.APPLICATION_JSON)
        .header("Stripe-Signature", sign(payload, secret)).bodyValue(payload).exchange().expectStatus().is2xxSuccessful();
    return eventId;
  }

  private static String sign(String payload, String secret) {
    try {
      long t = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ids a list holds, once it holds exactly {@code n} rows. */
  public List<String> idsOf(String path, int n) {
    List<String> ids = items(get(path)).stream().map(i -> String.valueOf(i.get("id"))).toList();
    assertThat(ids).hasSize(n);
    return ids;
  }

  public String id(String path, Object body) {
    return String.valueOf(created(path, body).get("id"));
  }

  public Map<String, Object> created(String path, Object body) {
    return body(post(path, body).expectStatus().isCreated());
  }

  public Map<String, Object> ok(String path, Object body) {
    return body(post(path, body).expectStatus().isOk());
  }

  public Map<String, Object> get(String uri) {
    return get(uri, null);
  }

  /** A GET with another credential than the tenant's key, when given. */
  public Map<String, Object> get(String uri, String authorization) {
    return body(http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, authorization == null ? auth() : authorization).exchange()
        .expectStatus().isOk());
  }

  private WebTestClient.ResponseSpec post(String path, Object body) {
    WebTestClient.RequestBodySpec spec = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, auth());
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
    Map<String, Object> body = spec.expectBody(Map.class).returnResult().getResponseBody();
    return body == null ? new HashMap<>() : body;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }
}
