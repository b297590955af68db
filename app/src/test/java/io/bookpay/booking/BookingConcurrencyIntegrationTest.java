package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** No double booking, proven by concurrent requests against the real stack. */
class BookingConcurrencyIntegrationTest extends IntegrationTest {

  /** Fires all requests at once; returns their statuses with their bodies. */
  private List<Map.Entry<Integer, Map<?, ?>>> fire(TestTenant tenant, int count, Function<Integer, Mono<Map.Entry<Integer, Map<?, ?>>>> call) {
    return Flux.range(0, count).flatMap(call, count).collectList().block(Duration.ofSeconds(60));
  }

  private Mono<Map.Entry<Integer, Map<?, ?>>> post(WebClient client, String key, String path, Object body) {
    return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of())
            .map(b -> Map.<Integer, Map<?, ?>>entry(response.statusCode().value(), b)));
  }

  private WebClient client() {
    return webClient(port);
  }

  private static long count(List<Map.Entry<Integer, Map<?, ?>>> results, int status) {
    return results.stream().filter(r -> r.getKey() == status).count();
  }

  @Test
  void twoHundredConcurrentOverlappingBookingsForOneProviderYieldExactlyOne() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    // 10:00, 10:15, 10:30 and 10:45 for an hour: every pair overlaps.
    Instant base = CatalogFixture.nextWeekAt(10, 0);
    WebClient client = client();

    var results = fire(tenant, 200, i -> post(client, tenant.apiKey(), "/v1/bookings",
        catalog.booking(catalog.provider(), base.plus(Duration.ofMinutes(15L * (i % 4))))));

    assertThat(count(results, 201)).isEqualTo(1);
    assertThat(count(results, 409)).isEqualTo(199);
    assertThat(results).noneMatch(r -> r.getKey() >= 500);
    assertThat(results.stream().filter(r -> r.getKey() == 409))
        .allSatisfy(r -> assertThat(r.getValue().get("type")).isEqualTo("https://bookpay.io/problems/slot-unavailable"));
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE provider_id = ? AND status IN ('HELD', 'CONFIRMED')", catalog.provider()))
        .isEqualTo(1);
  }

  @Test
  void concurrentReschedulesIntoOneSlotMoveExactlyOne() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    // 50 bookings on distinct, non-overlapping hours over five days, then all rush to one free slot.
    List<UUID> bookings = new ArrayList<>();
    List<Instant> original = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Instant start = CatalogFixture.nextWeekAt(8 + (i % 10), 0).plus(Duration.ofDays(1 + i / 10));
      bookings.add(catalog.book(catalog.provider(), start));
      original.add(start);
    }
    Instant target = CatalogFixture.nextWeekAt(15, 0);
    WebClient client = client();

    var results = fire(tenant, 50, i -> post(client, tenant.apiKey(), "/v1/bookings/" + bookings.get(i) + "/reschedule",
        Map.of("start", target.toString())));

    assertThat(count(results, 200)).isEqualTo(1);
    assertThat(count(results, 409)).isEqualTo(49);
    assertThat(results).noneMatch(r -> r.getKey() >= 500);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE provider_id = ? AND start_at = ? AND status = 'CONFIRMED'",
        catalog.provider(), java.sql.Timestamp.from(target))).isEqualTo(1);
    // The losers kept their original periods.
    for (int i = 0; i < bookings.size(); i++) {
      Map<String, Object> row = sql.rows("SELECT start_at FROM bookings WHERE id = ?", bookings.get(i)).get(0);
      Instant start = ((java.sql.Timestamp) row.get("start_at")).toInstant();
      assertThat(start).isIn(original.get(i), target);
    }
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE provider_id = ? AND status = 'CONFIRMED'", catalog.provider())).isEqualTo(50);
  }

  @Test
  void anyProviderBookingsFillDistinctProvidersThenConflict() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(5);
    Instant start = CatalogFixture.nextWeekAt(11, 0);
    WebClient client = client();

    var results = fire(tenant, 30, i -> post(client, tenant.apiKey(), "/v1/bookings", catalog.booking(null, start)));

    assertThat(count(results, 201)).isEqualTo(5);
    assertThat(count(results, 409)).isEqualTo(25);
    assertThat(results).noneMatch(r -> r.getKey() >= 500);
    assertThat(results.stream().filter(r -> r.getKey() == 201).map(r -> (Object) r.getValue().get("providerId")).distinct())
        .hasSize(5)
        .containsExactlyInAnyOrderElementsOf(catalog.providerIds.stream().map(id -> (Object) id.toString()).toList());
  }
}
