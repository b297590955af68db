package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every list endpoint answers its first page and, where it pages, every later page: rows made
 * through the API come back each exactly once, none missing. GET /v1/links once answered 500 for
 * every first page because no test ever called it.
 */
class ListEndpointsIntegrationTest extends IntegrationTest {

  /** How a list hands out its next page. */
  enum Paging {
    /** Not paged: one answer holds everything. */
    NONE,
    /** {@code ?cursor=} from {@code nextCursor}. */
    CURSOR,
    /** {@code ?after=} from {@code nextCursor}. */
    AFTER,
    /** {@code ?after=} the last item's id; no more when a page comes back short. */
    AFTER_LAST_ID,
    /** {@code ?before=} from {@code nextBefore}. */
    BEFORE
  }

  /** What a case made: the list's path, the keys it must return, and rows it holds beyond those. */
  record Made(String path, List<String> keys, int others) {
    Made(String path, List<String> keys) {
      this(path, keys, 0);
    }
  }

  record ListCase(String name, Paging paging, String key, Function<Api, Made> make) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ListCase> lists() {
    return Stream.of(
        new ListCase("customers", Paging.CURSOR, "id", api -> new Made("/v1/customers", api.times(3, api::customer))),
        new ListCase("links", Paging.CURSOR, "id", api -> {
          String service = api.service();
          return new Made("/v1/links", api.times(3, () -> api.id("/v1/links", Map.of("serviceId", service))));
        }),
        new ListCase("bookings", Paging.CURSOR, "id", api -> new Made("/v1/bookings", api.bookings(3))),
        new ListCase("services", Paging.NONE, "id", api -> new Made("/v1/services", api.times(3, api::service))),
        new ListCase("locations", Paging.NONE, "id", api -> new Made("/v1/locations", api.times(3, api::location))),
        new ListCase("providers", Paging.NONE, "id", api -> {
          String location = api.location();
          String service = api.service();
          return new Made("/v1/providers", api.times(3, () -> api.provider(location, service)));
        }),
        new ListCase("provider time-off", Paging.NONE, "id", api -> {
          String provider = api.provider(api.location(), api.service());
          String path = "/v1/providers/" + provider + "/time-off";
          List<String> ids = new ArrayList<>();
          for (int day = 1; day <= 3; day++) {
            Instant start = Instant.parse("2030-01-0" + day + "T09:00:00Z");
            ids.add(api.id(path, Map.of("start", start.toString(), "end", start.plusSeconds(3600).toString(), "reason", "away")));
          }
          return new Made(path, ids);
        }),
        new ListCase("booking history", Paging.NONE, "to", api -> {
          String booking = api.bookings(1).get(0);
          api.ok("/v1/bookings/" + booking + "/cancel", null);
          return new Made("/v1/bookings/" + booking + "/history", List.of("CONFIRMED", "CANCELLED"));
        }),
        new ListCase("invoices", Paging.AFTER, "id", api -> {
          String customer = api.customer();
          return new Made("/v1/invoices", api.times(3, () -> api.invoice(customer, 1_000)));
        }),
        new ListCase("invoice payments", Paging.NONE, "id", api -> {
          String invoice = api.openInvoice(api.customer(), 3_000);
          String path = "/v1/invoices/" + invoice + "/payments";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("method", "CASH", "amount", 1_000))));
        }),
        new ListCase("payment refunds", Paging.NONE, "id", api -> {
          String invoice = api.openInvoice(api.customer(), 3_000);
          String payment = api.id("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", 3_000));
          String path = "/v1/payments/" + payment + "/refunds";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("amount", 100, "reason", "goodwill"))));
        }),
        new ListCase("coupons", Paging.NONE, "id", api -> new Made("/v1/coupons",
            api.times(3, () -> api.id("/v1/coupons", Map.of("code", "C" + api.unique(), "percentOff", 10))))),
        new ListCase("gift-cards", Paging.AFTER_LAST_ID, "id", api -> new Made("/v1/gift-cards", api.times(3, api::giftCard))),
        new ListCase("gift-card ledger", Paging.NONE, "kind", api -> {
          String card = api.giftCard();
          api.ok("/v1/gift-cards/" + card + "/adjustments", Map.of("amount", -100, "note", "correction"));
          return new Made("/v1/gift-cards/" + card + "/ledger", List.of("ISSUE", "ADJUST"));
        }),
        new ListCase("packages", Paging.NONE, "id", api -> {
          String service = api.service();
          return new Made("/v1/packages", api.times(3, () -> api.packageOf(service)));
        }),
        new ListCase("package-purchases", Paging.NONE, "id", api -> {
          String service = api.service();
          String customer = api.customer();
          List<Map<String, Object>> lines = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            lines.add(line("PACKAGE", 5_000, api.packageOf(service)));
          }
          api.paidInvoice(customer, lines, 15_000);
          return new Made("/v1/package-purchases?customerId=" + customer, api.idsOf("/v1/package-purchases?customerId=" + customer, 3));
        }),
        new ListCase("membership-tiers", Paging.NONE, "id", api -> new Made("/v1/membership-tiers", api.times(3, api::tier))),
        new ListCase("memberships", Paging.NONE, "id", api -> {
          String customer = api.customer();
          List<Map<String, Object>> lines = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            lines.add(line("MEMBERSHIP", 2_000, api.tier()));
          }
          api.paidInvoice(customer, lines, 6_000);
          return new Made("/v1/memberships?customerId=" + customer, api.idsOf("/v1/memberships?customerId=" + customer, 3));
        }),
        new ListCase("api-keys", Paging.NONE, "id", api -> new Made("/v1/api-keys",
            api.times(3, () -> api.id("/v1/api-keys", Map.of("name", "key " + api.unique(), "scopes", List.of("reports:read")))), 1)),
        new ListCase("webhooks/secrets", Paging.NONE, "id", api -> new Made("/v1/webhooks/secrets",
            api.times(2, () -> api.id("/v1/webhooks/secrets", Map.of())))),
        new ListCase("webhooks/events", Paging.BEFORE, "eventId", api -> {
          String secret = (String) api.created("/v1/webhooks/secrets", Map.of()).get("secret");
          return new Made("/v1/webhooks/events", api.times(3, () -> api.stripeEvent(secret)));
        }),
        new ListCase("claims", Paging.AFTER, "id", api -> {
          String service = api.service();
          String customer = api.customer();
          String plan = api.plan();
          api.rule(plan, service);
          api.enrol(customer, plan);
          return new Made("/v1/claims", api.times(3, () -> api.id("/v1/claims", Map.of("customerId", customer, "planId", plan,
              "serviceDate", "2026-06-01", "items", List.of(Map.of("serviceId", service, "amount", 10_000))))));
        }),
        new ListCase("claim history", Paging.NONE, "to", api -> {
          String service = api.service();
          String customer = api.customer();
          String plan = api.plan();
          api.rule(plan, service);
          api.enrol(customer, plan);
          String claim = api.id("/v1/claims", Map.of("customerId", customer, "planId", plan, "serviceDate", "2026-06-01",
              "items", List.of(Map.of("serviceId", service, "amount", 10_000))));
          api.http.post().uri("/v1/claims/" + claim + "/transitions").header(HttpHeaders.AUTHORIZATION, api.auth())
              .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("to", "SUBMITTED"))
              .exchange().expectStatus().isOk();
          return new Made("/v1/claims/" + claim + "/history", List.of("DRAFT", "SUBMITTED"));
        }),
        new ListCase("insurance-plans", Paging.NONE, "id", api -> new Made("/v1/insurance-plans", api.times(3, api::plan))),
        new ListCase("coverage-rules", Paging.NONE, "id", api -> {
          String plan = api.plan();
          return new Made("/v1/insurance-plans/" + plan + "/coverage-rules", api.times(3, () -> api.rule(plan, api.service())));
        }),
        new ListCase("benefits", Paging.NONE, "id", api -> {
          String plan = api.plan();
          String path = "/v1/insurance-plans/" + plan + "/benefits";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("description", "Eyewear " + api.unique(), "discountPercent", 15))));
        }),
        new ListCase("enrolments", Paging.NONE, "id", api -> {
          String plan = api.plan();
          return new Made("/v1/enrolments?planId=" + plan, api.times(3, () -> api.enrol(api.customer(), plan)));
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void everyRowComesBackOnceWithoutAndWithACursor(ListCase list) {
    Api api = new Api(http, newTenant());
    Made made = list.make().apply(api);
    int limit = 2;
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Map<String, Object> page = api.get(pageUri(made.path(), list.paging(), limit, next));
      List<Map<String, Object>> items = items(page);
      items.forEach(item -> seen.add(String.valueOf(item.get(list.key()))));
      pages++;
      next = switch (list.paging()) {
        case NONE -> null;
        case CURSOR, AFTER -> (String) page.get("nextCursor");
        case BEFORE -> (String) page.get("nextBefore");
        case AFTER_LAST_ID -> items.size() < limit ? null : String.valueOf(items.get(items.size() - 1).get("id"));
      };
      if (pages == 1 && list.paging() != Paging.NONE) {
        // The first page is full and points further, so the cursor path below is exercised.
        assertThat(items).hasSize(limit);
        assertThat(next).isNotNull();
      }
    } while (next != null && pages < 20);

    assertThat(seen).doesNotHaveDuplicates().containsAll(made.keys()).hasSize(made.keys().size() + made.others());
    if (list.paging() != Paging.NONE) {
      assertThat(pages).isGreaterThan(1);
    }
  }

  private static String pageUri(String path, Paging paging, int limit, String next) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(path);
    if (paging == Paging.NONE) {
      return uri.build().toUriString();
    }
    uri.queryParam("limit", limit);
    if (next != null) {
      uri.queryParam(switch (paging) {
        case CURSOR -> "cursor";
        case BEFORE -> "before";
        default -> "after";
      }, next);
    }
    return uri.build().toUriString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  private static Map<String, Object> line(String kind, long unitAmount, String refId) {
    return Map.of("kind", kind, "description", kind + " line", "quantity", 1, "unitAmount", unitAmount, "refId", refId);
  }

  /** One tenant's API, with builders for the rows the lists hold. */
  static final class Api {

    final WebTestClient http;
    final TestTenant tenant;

    Api(WebTestClient http, TestTenant tenant) {
      this.http = http;
      this.tenant = tenant;
    }

    String auth() {
      return "Bearer " + tenant.apiKey();
    }

    String unique() {
      return UUID.randomUUID().toString().substring(0, 8);
    }

    List<String> times(int n, java.util.function.Supplier<String> make) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add(make.get());
      }
      return ids;
    }

    String customer() {
      return newCustomer(http, tenant, "Client", "client-" + UUID.randomUUID() + "@example.com").toString();
    }

    String location() {
      return id("/v1/locations", Map.of("name", "Site " + unique(), "timeZone", "UTC"));
    }

    String service() {
      return id("/v1/services", Map.of("name", "Service " + unique(), "durationMinutes", 60, "priceAmount", 10_000,
          "currency", "USD", "slotIntervalMinutes", 60));
    }

    String provider(String location, String service) {
      return id("/v1/providers", Map.of("name", "Provider " + unique(), "locationIds", List.of(location), "serviceIds", List.of(service)));
    }

    /** Bookings a week ahead, one an hour from 09:00 UTC, with one provider who works all day. */
    List<String> bookings(int n) {
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

    String invoice(String customer, long amount) {
      return id("/v1/invoices", Map.of("customerId", customer, "currency", "USD",
          "lineItems", List.of(Map.of("kind", "PRODUCT", "description", "Serum", "quantity", 1, "unitAmount", amount))));
    }

    String openInvoice(String customer, long amount) {
      String invoice = invoice(customer, amount);
      ok("/v1/invoices/" + invoice + "/finalize", null);
      return invoice;
    }

    void paidInvoice(String customer, List<Map<String, Object>> lines, long total) {
      String invoice = id("/v1/invoices", Map.of("customerId", customer, "currency", "USD", "lineItems", lines));
      ok("/v1/invoices/" + invoice + "/finalize", null);
      created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", total));
    }

    String giftCard() {
      return id("/v1/gift-cards", Map.of("amount", 5_000, "currency", "USD"));
    }

    String packageOf(String service) {
      return id("/v1/packages", Map.of("name", "Pack " + unique(), "serviceId", service, "sessions", 3, "priceAmount", 5_000,
          "currency", "USD"));
    }

    String tier() {
      return id("/v1/membership-tiers", Map.of("name", "Tier " + unique(), "priceAmount", 2_000, "currency", "USD", "period", "MONTH"));
    }

    String plan() {
      return id("/v1/insurance-plans", Map.of("name", "Plan " + unique(), "payer", "Acme Health", "planCode", "P-" + unique()));
    }

    String rule(String plan, String service) {
      return id("/v1/insurance-plans/" + plan + "/coverage-rules", Map.of("serviceId", service, "coveragePercent", 80,
          "copayAmount", 1_000, "currency", "USD"));
    }

    String enrol(String customer, String plan) {
      return id("/v1/enrolments", Map.of("customerId", customer, "planId", plan, "memberNumber", "M-" + unique(),
          "validFrom", "2026-01-01"));
    }

    /** Delivers one signed Stripe event; returns its event id. */
    String stripeEvent(String secret) {
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
    List<String> idsOf(String path, int n) {
      List<String> ids = items(get(path)).stream().map(i -> String.valueOf(i.get("id"))).toList();
      assertThat(ids).hasSize(n);
      return ids;
    }

    String id(String path, Object body) {
      return String.valueOf(created(path, body).get("id"));
    }

    Map<String, Object> created(String path, Object body) {
      return body(post(path, body).expectStatus().isCreated());
    }

    Map<String, Object> ok(String path, Object body) {
      return body(post(path, body).expectStatus().isOk());
    }

    Map<String, Object> get(String uri) {
      return body(http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, auth()).exchange().expectStatus().isOk());
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
  }
}
