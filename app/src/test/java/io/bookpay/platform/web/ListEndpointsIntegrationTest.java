package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TenantApi;
import io.bookpay.testsupport.TestInfrastructure;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every list endpoint is walked to its end with {@code cursor} and {@code limit}: rows made through
 * the API come back each exactly once, none missing, and the last page says {@code "nextCursor": null}.
 * The parameter names lists had before one cursor served them all ({@code after}, {@code before},
 * and {@code nextBefore} in the answer) still work for one release. A list route no case walks fails
 * the test. GET /v1/links once answered 500 for every first page because no test ever called it.
 */
class ListEndpointsIntegrationTest extends IntegrationTest {

  /**
   * What a case made: the list's path, the keys it must return, and how many rows it holds beyond
   * those ({@link #UNKNOWN} when other tests add to it, as they do to the tenants).
   */
  record Made(String path, List<String> keys, int others, String auth, String start) {
    static final int UNKNOWN = -1;

    Made(String path, List<String> keys) {
      this(path, keys, 0, null, null);
    }

    Made(String path, List<String> keys, int others) {
      this(path, keys, others, null, null);
    }
  }

  /** A list route (as mapped), the field that identifies its items, and how to fill one of its lists. */
  record ListCase(String route, String key, Function<TenantApi, Made> make) {
    @Override
    public String toString() {
      return route;
    }
  }

  static Stream<ListCase> lists() {
    return Stream.of(
        new ListCase("/v1/admin/tenants", "id", api -> {
          // Every test makes tenants: the walk starts after one made here, so it sees the ones made after it.
          List<String> tenants = api.times(4, () -> newTenant(api.http).id().toString());
          return new Made("/v1/admin/tenants", tenants.subList(1, 4), Made.UNKNOWN, "Bearer " + TestInfrastructure.get().adminToken(),
              PageCursor.after(UUID.fromString(tenants.get(0))));
        }),
        new ListCase("/v1/admin/projections/dead-letters", "id", api -> {
          // Parking needs a poison event (ProjectionOperationsIntegrationTest makes real ones); the walk only needs rows,
          // under a consumer name of their own so other tests' dead letters stay out of it.
          String consumer = "walk-" + api.unique();
          String prefix = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(consumer.hashCode()).array());
          io.bookpay.testsupport.Sql sql = io.bookpay.testsupport.Sql.of(TestInfrastructure.get().defaultSchema());
          List<String> ids = new ArrayList<>();
          for (int i = 1; i <= 3; i++) {
            String id = prefix + "-0000-7000-8000-00000000000" + i;
            sql.update("INSERT INTO projection_dead_letters (id, consumer, event_id, tenant_id, event_type, occurred_at, topic,"
                + " kafka_partition, kafka_offset, envelope, error) VALUES (?::uuid, ?, ?::uuid, ?::uuid, 'BookingHeld', now(),"
                + " 'bookpay.bookings', 0, ?, '{}'::jsonb, 'planted for the list walk')", id, consumer, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), (long) i);
            ids.add(id);
          }
          return new Made("/v1/admin/projections/dead-letters?consumer=" + consumer, ids, 0,
              "Bearer " + TestInfrastructure.get().adminToken(), null);
        }),
        new ListCase("/v1/customers", "id", api -> new Made("/v1/customers", api.times(3, api::customer))),
        new ListCase("/v1/links", "id", api -> {
          String service = api.service();
          return new Made("/v1/links", api.times(3, () -> api.id("/v1/links", Map.of("serviceId", service))));
        }),
        new ListCase("/v1/bookings", "id", api -> new Made("/v1/bookings", api.bookings(3))),
        new ListCase("/v1/services", "id", api -> new Made("/v1/services", api.times(3, api::service))),
        new ListCase("/v1/locations", "id", api -> new Made("/v1/locations", api.times(3, api::location))),
        new ListCase("/v1/providers", "id", api -> {
          String location = api.location();
          String service = api.service();
          return new Made("/v1/providers", api.times(3, () -> api.provider(location, service)));
        }),
        new ListCase("/v1/providers/{id}/time-off", "id", api -> {
          String provider = api.provider(api.location(), api.service());
          String path = "/v1/providers/" + provider + "/time-off";
          List<String> ids = new ArrayList<>();
          for (int day = 3; day >= 1; day--) { // made latest first: the list is by start, not by creation
            Instant start = Instant.parse("2030-01-0" + day + "T09:00:00Z");
            ids.add(api.id(path, Map.of("start", start.toString(), "end", start.plusSeconds(3600).toString(), "reason", "away")));
          }
          return new Made(path, ids);
        }),
        new ListCase("/v1/bookings/{id}/history", "to", api -> {
          String booking = api.bookings(1).get(0);
          api.ok("/v1/bookings/" + booking + "/cancel", null);
          return new Made("/v1/bookings/" + booking + "/history", List.of("CONFIRMED", "CANCELLED"));
        }),
        new ListCase("/v1/invoices", "id", api -> {
          String customer = api.customer();
          return new Made("/v1/invoices", api.times(3, () -> api.invoice(customer, 1_000)));
        }),
        new ListCase("/v1/invoices/{id}/payments", "id", api -> {
          String invoice = api.openInvoice(api.customer(), 3_000);
          String path = "/v1/invoices/" + invoice + "/payments";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("method", "CASH", "amount", 1_000))));
        }),
        new ListCase("/v1/payments/{id}/refunds", "id", api -> {
          String invoice = api.openInvoice(api.customer(), 3_000);
          String payment = api.id("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", 3_000));
          String path = "/v1/payments/" + payment + "/refunds";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("amount", 100, "reason", "goodwill"))));
        }),
        new ListCase("/v1/coupons", "id", api -> new Made("/v1/coupons",
            api.times(3, () -> api.id("/v1/coupons", Map.of("code", "C" + api.unique(), "percentOff", 10))))),
        new ListCase("/v1/gift-cards", "id", api -> new Made("/v1/gift-cards", api.times(3, api::giftCard))),
        new ListCase("/v1/gift-cards/{id}/ledger", "kind", api -> {
          String card = api.giftCard();
          api.ok("/v1/gift-cards/" + card + "/adjustments", Map.of("amount", -100, "note", "correction"));
          return new Made("/v1/gift-cards/" + card + "/ledger", List.of("ISSUE", "ADJUST"));
        }),
        new ListCase("/v1/packages", "id", api -> {
          String service = api.service();
          return new Made("/v1/packages", api.times(3, () -> api.packageOf(service)));
        }),
        new ListCase("/v1/package-purchases", "id", api -> {
          String service = api.service();
          String customer = api.customer();
          List<Map<String, Object>> lines = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            lines.add(line("PACKAGE", 5_000, api.packageOf(service)));
          }
          api.paidInvoice(customer, lines, 15_000);
          return new Made("/v1/package-purchases?customerId=" + customer, api.idsOf("/v1/package-purchases?customerId=" + customer, 3));
        }),
        new ListCase("/v1/membership-tiers", "id", api -> new Made("/v1/membership-tiers", api.times(3, api::tier))),
        new ListCase("/v1/memberships", "id", api -> {
          String customer = api.customer();
          List<Map<String, Object>> lines = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            lines.add(line("MEMBERSHIP", 2_000, api.tier()));
          }
          api.paidInvoice(customer, lines, 6_000);
          return new Made("/v1/memberships?customerId=" + customer, api.idsOf("/v1/memberships?customerId=" + customer, 3));
        }),
        new ListCase("/v1/api-keys", "id", api -> new Made("/v1/api-keys",
            api.times(3, () -> api.id("/v1/api-keys", Map.of("name", "key " + api.unique(), "scopes", List.of("reports:read")))), 1)),
        new ListCase("/v1/webhooks/secrets", "id", api -> new Made("/v1/webhooks/secrets",
            api.times(2, () -> api.id("/v1/webhooks/secrets", Map.of())))),
        new ListCase("/v1/webhooks/events", "eventId", api -> {
          String secret = (String) api.created("/v1/webhooks/secrets", Map.of()).get("secret");
          return new Made("/v1/webhooks/events", api.times(3, () -> api.stripeEvent(secret)));
        }),
        new ListCase("/v1/claims", "id", api -> {
          String[] claim = api.claimable();
          return new Made("/v1/claims", api.times(3, () -> api.claim(claim)));
        }),
        new ListCase("/v1/claims/{id}/history", "to", api -> {
          String claim = api.claim(api.claimable());
          api.http.post().uri("/v1/claims/" + claim + "/transitions").header(HttpHeaders.AUTHORIZATION, api.auth())
              .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("to", "SUBMITTED"))
              .exchange().expectStatus().isOk();
          return new Made("/v1/claims/" + claim + "/history", List.of("DRAFT", "SUBMITTED"));
        }),
        new ListCase("/v1/claims/{id}/documents", "id", api -> {
          String claim = api.claim(api.claimable());
          return new Made("/v1/claims/" + claim + "/documents", api.times(3, () -> api.document(claim)));
        }),
        new ListCase("/v1/insurance-plans", "id", api -> new Made("/v1/insurance-plans", api.times(3, api::plan))),
        new ListCase("/v1/insurance-plans/{planId}/coverage-rules", "id", api -> {
          String plan = api.plan();
          return new Made("/v1/insurance-plans/" + plan + "/coverage-rules", api.times(3, () -> api.rule(plan, api.service())));
        }),
        new ListCase("/v1/insurance-plans/{planId}/benefits", "id", api -> {
          String plan = api.plan();
          String path = "/v1/insurance-plans/" + plan + "/benefits";
          return new Made(path, api.times(3, () -> api.id(path, Map.of("description", "Eyewear " + api.unique(), "discountPercent", 15))));
        }),
        new ListCase("/v1/enrolments", "id", api -> {
          String plan = api.plan();
          return new Made("/v1/enrolments?planId=" + plan, api.times(3, () -> api.enrol(api.customer(), plan)));
        }));
  }

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void everyRowComesBackOncePageByPageAndTheLastPageSaysSo(ListCase list) {
    TenantApi api = new TenantApi(http, newTenant());
    Made made = list.make().apply(api);
    // Two pages at least: a full first page that points further, and a last one.
    int limit = made.keys().size() >= 3 ? 2 : 1;
    List<String> seen = walk(api, made, list.key(), limit, "cursor", page -> (String) page.get("nextCursor"));

    assertThat(seen).doesNotHaveDuplicates().containsAll(made.keys());
    if (made.others() != Made.UNKNOWN) {
      assertThat(seen).hasSize(made.keys().size() + made.others());
      // Nothing skipped or reordered: the made rows come back in the list's order (creation, or start for time off).
      List<String> order = new ArrayList<>(made.keys());
      if (list.route().endsWith("/time-off") || list.route().equals("/v1/webhooks/events")) {
        Collections.reverse(order); // made latest first / listed newest first
      }
      assertThat(seen.stream().filter(made.keys()::contains).toList()).isEqualTo(order);
    }
  }

  /** Walks a list to its end: every page answers 200 with items and a nextCursor field, null on the last page only. */
  private static List<String> walk(TenantApi api, Made made, String key, int limit, String param, Function<Map<String, Object>, String> next) {
    List<String> seen = new ArrayList<>();
    String cursor = made.start();
    int pages = 0;
    do {
      UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(made.path()).queryParam("limit", limit);
      if (cursor != null) {
        uri.queryParam(param, cursor);
      }
      Map<String, Object> page = api.get(uri.build().encode().toUriString(), made.auth());
      assertThat(page).as("page %d of %s", pages + 1, made.path()).containsKey("items").containsKey("nextCursor");
      List<Map<String, Object>> items = items(page);
      items.forEach(item -> seen.add(String.valueOf(item.get(key))));
      pages++;
      cursor = next.apply(page);
      if (cursor != null) {
        assertThat(items).as("a page that points further is full").hasSize(limit);
      }
    } while (cursor != null && pages < 50);
    assertThat(pages).as("pages of %s", made.path()).isGreaterThan(1).isLessThan(50);
    return seen;
  }

  @Test
  void everyListRouteIsWalkedAbove() {
    Set<String> walked = lists().map(ListCase::route).collect(Collectors.toSet());
    Set<String> listRoutes = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      if (info.getMethodsCondition().getMethods().contains(RequestMethod.GET) && answersAPage(method)) {
        info.getPatternsCondition().getPatterns().forEach(p -> listRoutes.add(p.getPatternString()));
      }
    });
    assertThat(listRoutes).as("list routes").hasSizeGreaterThan(25);
    assertThat(walked).containsAll(listRoutes);
  }

  /** A handler whose answer is a page: {@link Page} or a record with items and nextCursor. */
  private static boolean answersAPage(HandlerMethod method) {
    ResolvableType answer = ResolvableType.forMethodReturnType(method.getMethod());
    while (answer.getGenerics().length == 1 && !Page.class.equals(answer.resolve())) {
      answer = answer.getGeneric(0); // Mono<ResponseEntity<...>>
    }
    Class<?> type = answer.resolve();
    if (type == null) {
      return false;
    }
    if (Page.class.equals(type)) {
      return true;
    }
    return type.isRecord() && Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList()
        .containsAll(List.of("items", "nextCursor"));
  }

  @Test
  void theDeprecatedAfterStillPagesInvoicesClaimsAndGiftCards() {
    TenantApi api = new TenantApi(http, newTenant());
    String customer = api.customer();
    String[] claim = api.claimable();
    List<Made> lists = List.of(
        new Made("/v1/invoices", api.times(3, () -> api.invoice(customer, 1_000))),
        new Made("/v1/claims", api.times(3, () -> api.claim(claim))),
        new Made("/v1/gift-cards", api.times(3, api::giftCard)));
    for (Made made : lists) {
      // after= with the new cursor, and after= with the last id, as clients paged these lists before.
      assertThat(walk(api, made, "id", 2, "after", page -> (String) page.get("nextCursor"))).isEqualTo(made.keys());
      assertThat(walk(api, made, "id", 2, "after", page -> page.get("nextCursor") == null ? null
          : String.valueOf(items(page).get(items(page).size() - 1).get("id")))).isEqualTo(made.keys());
      // One of the two names, not both.
      String cursor = (String) api.get(made.path() + "?limit=1", null).get("nextCursor");
      api.http.get().uri(made.path() + "?cursor=" + cursor + "&after=" + cursor).header(HttpHeaders.AUTHORIZATION, api.auth()).exchange()
          .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.errors[0].field").isEqualTo("after");
    }
  }

  @Test
  void theWebhookEventsStillAnswerNextBeforeAndTakeBefore() {
    TenantApi api = new TenantApi(http, newTenant());
    String secret = (String) api.created("/v1/webhooks/secrets", Map.of()).get("secret");
    Made made = new Made("/v1/webhooks/events", api.times(3, () -> api.stripeEvent(secret)));
    // Events received in the same microsecond would share a nextBefore; the old parameter skipped those, the cursor does not.
    Map<String, Object> first = api.get("/v1/webhooks/events?limit=2", null);
    assertThat(first.get("nextBefore")).isEqualTo(items(first).get(1).get("receivedAt"));
    List<String> seen = walk(api, made, "eventId", 2, "before", page -> (String) page.get("nextBefore"));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(made.keys());
    Map<String, Object> last = api.get("/v1/webhooks/events?limit=2&cursor=" + first.get("nextCursor"), null);
    assertThat(last).containsEntry("nextCursor", null);
    assertThat(last.get("nextBefore")).isNull();
  }

  @Test
  void aCursorThisApiDidNotMakeIsRefused() {
    TenantApi api = new TenantApi(http, newTenant());
    String bookingCursor = "MjAzMC0wMS0wMVQwOTowMDowMFp8MDE5NmYxYjItN2MzZS03YjJhLTk1ZjQtM2I4ZTFkNWM2YTAx";
    for (String uri : List.of("/v1/customers?cursor=bm90LWEtY3Vyc29y", "/v1/bookings?cursor=bm90LWEtY3Vyc29y",
        "/v1/customers?cursor=" + bookingCursor, "/v1/services?cursor=***", "/v1/invoices?after=xyz",
        "/v1/webhooks/events?cursor=" + bookingCursor + "&before=2030-01-01T00:00:00Z")) {
      api.http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, api.auth()).exchange()
          .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    api.http.get().uri("/v1/coupons?limit=201").header(HttpHeaders.AUTHORIZATION, api.auth()).exchange().expectStatus().isBadRequest();
    api.http.get().uri("/v1/coupons?limit=0").header(HttpHeaders.AUTHORIZATION, api.auth()).exchange().expectStatus().isBadRequest();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  private static Map<String, Object> line(String kind, long unitAmount, String refId) {
    return Map.of("kind", kind, "description", kind + " line", "quantity", 1, "unitAmount", unitAmount, "refId", refId);
  }
}
