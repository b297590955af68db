package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slot searches reuse a provider's busy ranges for a moment (BusyCache): this instance's own booking
 * changes show in the very next search; a change made elsewhere (here: straight in the database, as
 * another instance would) shows within the TTL (bookpay.bookings.busy-cache-ttl, 5 s).
 */
class BusyCacheIntegrationTest extends IntegrationTest {

  private CatalogFixture catalog;
  private Instant start;
  private String window;

  @BeforeEach
  void catalog() {
    catalog = new CatalogFixture(http, newTenant()).build(1);
    start = CatalogFixture.nextWeekAt(10, 0);
    window = "/v1/availability?serviceId=" + catalog.serviceId + "&from=" + start + "&to=" + start.plus(Duration.ofHours(2));
  }

  @Test
  void thisInstancesBookingChangesShowInTheNextSearchAndOthersWithinTheTtl() {
    assertThat(starts()).hasSize(8).contains(start.toString()); // 10:00 .. 11:45, every 15 minutes; now cached
    UUID booked = catalog.book(catalog.provider(), start);
    assertThat(starts()).hasSize(4).doesNotContain(start.toString()); // booked here: seen at once

    // Cancelled elsewhere (no event reaches this instance): the cached ranges still hide the slot...
    sql.update("UPDATE bookings SET status = 'CANCELLED' WHERE id = ?", booked);
    assertThat(starts()).hasSize(4);
    // ...until the TTL has passed.
    long seen = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> starts().size() == 8);
    assertThat(Duration.ofNanos(System.nanoTime() - seen)).isLessThan(Duration.ofSeconds(7));

    // A hold made here blocks at once, and a cancellation made here frees at once.
    Map<String, Object> hold = catalog.booking(catalog.provider(), start);
    hold.put("hold", true);
    UUID held = UUID.fromString((String) catalog.post("/v1/bookings", hold).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("id"));
    assertThat(starts()).hasSize(4);
    catalog.post("/v1/bookings/" + held + "/cancel", Map.of()).expectStatus().isOk();
    assertThat(starts()).hasSize(8);
  }

  @Test
  void concurrentSearchesRightAfterABookingAllSeeIt() throws Exception {
    assertThat(starts()).hasSize(8);
    catalog.book(catalog.provider(), start.plus(Duration.ofHours(1)));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<List<String>>> searches = java.util.Collections.nCopies(32, this::starts);
      for (Future<List<String>> answer : pool.invokeAll(searches)) {
        // 11:00-12:00 taken: 10:15 .. 11:45 starts overlap it; 10:00 stays.
        assertThat(answer.get()).containsExactly(start.toString());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> starts() {
    Map<String, Object> body = catalog.get(window).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    return ((List<Map<String, Object>>) body.get("slots")).stream().map(slot -> (String) slot.get("start")).toList();
  }
}
