package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingHoldExpired;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle, holds and their expiry, reschedule, history and events. */
class BookingLifecycleIntegrationTest extends IntegrationTest {

  private TestTenant tenant;
  private CatalogFixture catalog;
  private int hour = 8;

  @BeforeEach
  void catalog() {
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(1);
  }

  /** A booking in the given state, each on its own hour so none collides with another. */
  private UUID bookingIn(String state) {
    Instant start = CatalogFixture.nextWeekAt(hour++, 0);
    Map<String, Object> body = catalog.booking(catalog.provider(), start);
    if (state.equals("HELD") || state.equals("EXPIRED")) {
      body.put("hold", true);
    }
    UUID id = UUID.fromString((String) catalog.post("/v1/bookings", body).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("id"));
    switch (state) {
      case "CANCELLED" -> catalog.post("/v1/bookings/" + id + "/cancel", Map.of()).expectStatus().isOk();
      case "EXPIRED" -> {
        ageHold(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("EXPIRED"));
      }
      case "COMPLETED", "NO_SHOW" -> {
        startedAlready(id);
        catalog.post("/v1/bookings/" + id + (state.equals("COMPLETED") ? "/complete" : "/no-show"), Map.of()).expectStatus().isOk();
      }
      default -> { }
    }
    assertThat(status(id)).isEqualTo(state);
    return id;
  }

  /** Time passes for one hold: it lapsed a second ago. */
  private void ageHold(UUID id) {
    sql.update("UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = ?", id);
  }

  /** Time passes for one booking: it started an hour ago. */
  private void startedAlready(UUID id) {
    sql.update("UPDATE bookings SET start_at = now() - interval '1 hour', end_at = now(), "
        + "blocked = tstzrange(now() - interval '1 hour', now()) WHERE id = ?", id);
  }

  private String status(UUID id) {
    return (String) sql.rows("SELECT status FROM bookings WHERE id = ?", id).get(0).get("status");
  }

  static Stream<Arguments> transitions() {
    Map<String, String> endpoints = Map.of(
        "CONFIRMED", "confirm", "CANCELLED", "cancel", "EXPIRED", "expire", "COMPLETED", "complete", "NO_SHOW", "no-show");
    Map<String, List<String>> allowed = Map.of(
        "HELD", List.of("CONFIRMED", "CANCELLED", "EXPIRED"),
        "CONFIRMED", List.of("COMPLETED", "CANCELLED", "NO_SHOW"));
    return Stream.of("HELD", "CONFIRMED", "CANCELLED", "EXPIRED", "COMPLETED", "NO_SHOW")
        .flatMap(from -> endpoints.entrySet().stream()
            .map(to -> Arguments.of(from, to.getKey(), to.getValue(), allowed.getOrDefault(from, List.of()).contains(to.getKey()))));
  }

  @ParameterizedTest(name = "{0} -> {1}: allowed={3}")
  @MethodSource("transitions")
  void everyTransitionIsAllowedOrRefusedByTheLifecycle(String from, String to, String endpoint, boolean allowed) {
    UUID id = bookingIn(from);
    if (to.equals("COMPLETED") || to.equals("NO_SHOW")) {
      startedAlready(id);
    }
    long historyBefore = sql.count("SELECT count(*) FROM booking_status_history WHERE booking_id = ?", id);

    var response = catalog.post("/v1/bookings/" + id + "/" + endpoint, Map.of("reason", "test"));

    if (allowed) {
      response.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo(to);
      assertThat(status(id)).isEqualTo(to);
      List<Map<String, Object>> last = sql.rows(
          "SELECT from_status, to_status, actor, reason FROM booking_status_history WHERE booking_id = ? ORDER BY id DESC LIMIT 1", id);
      assertThat(last.get(0)).containsEntry("from_status", from).containsEntry("to_status", to).containsEntry("reason", "test");
      assertThat((String) last.get(0).get("actor")).startsWith("api-key:");
    } else {
      response.expectStatus().isEqualTo(409)
          .expectBody()
          .jsonPath("$.type").isEqualTo("https://bookpay.io/problems/invalid-transition")
          .jsonPath("$.status").isEqualTo(409)
          .jsonPath("$.allowed").isArray();
      assertThat(status(id)).isEqualTo(from);
      assertThat(sql.count("SELECT count(*) FROM booking_status_history WHERE booking_id = ?", id)).isEqualTo(historyBefore);
    }
  }

  @Test
  void aConfirmedBookingCannotCompleteBeforeItStarts() {
    UUID id = bookingIn("CONFIRMED");
    catalog.post("/v1/bookings/" + id + "/complete", Map.of()).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.allowed.length()").isEqualTo(3);
  }

  @Test
  void aLapsedHoldDoesNotBlockAndTheSweeperExpiresTheRest() {
    Instant start = CatalogFixture.nextWeekAt(12, 0);
    Map<String, Object> hold = catalog.booking(catalog.provider(), start);
    hold.put("hold", true);
    Map<?, ?> held = catalog.post("/v1/bookings", hold).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    assertThat(held.get("status")).isEqualTo("HELD");
    assertThat(Instant.parse((String) held.get("holdExpiresAt"))).isAfter(Instant.now().plusSeconds(200));
    UUID heldId = UUID.fromString((String) held.get("id"));

    // While the hold lives, the slot is taken.
    catalog.post("/v1/bookings", catalog.booking(catalog.provider(), start)).expectStatus().isEqualTo(409);

    // Once it lapses, a new booking takes the slot (the insert path expires the hold in its way).
    ageHold(heldId);
    UUID replacement = catalog.book(catalog.provider(), start);
    assertThat(status(heldId)).isEqualTo("EXPIRED");
    assertThat(status(replacement)).isEqualTo("CONFIRMED");

    // Another lapsed hold, in no one's way, is expired by the sweeper, with its event.
    Map<String, Object> other = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(16, 0));
    other.put("hold", true);
    UUID otherId = UUID.fromString((String) catalog.post("/v1/bookings", other).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("id"));
    ageHold(otherId);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(otherId).equals("EXPIRED"));
    assertThat(sql.rows("SELECT actor FROM booking_status_history WHERE booking_id = ? AND to_status = 'EXPIRED'", otherId))
        .extracting(row -> row.get("actor")).containsExactly("system:hold-sweeper");

    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    EventCodec codec = new EventCodec();
    List<EventEnvelope> events = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.BOOKINGS, r -> tenant.id().toString().equals(TopicReader.header(r, "ce_tenantid")))
            .stream().map(r -> codec.decode(r.value())).toList(),
        list -> list.stream().filter(e -> e.payload() instanceof BookingHoldExpired).count() == 2);
    BookingHoldExpired expired = events.stream().map(EventEnvelope::payload).filter(BookingHoldExpired.class::isInstance)
        .map(BookingHoldExpired.class::cast).filter(e -> e.booking().bookingId().equals(otherId)).findFirst().orElseThrow();
    assertThat(expired.booking().providerId()).isEqualTo(catalog.provider());
    assertThat(expired.booking().priceAmount()).isEqualTo(12_500);
    assertThat(expired.booking().currency()).isEqualTo("EUR");
    BookingConfirmed confirmed = events.stream().map(EventEnvelope::payload).filter(BookingConfirmed.class::isInstance)
        .map(BookingConfirmed.class::cast).filter(e -> e.booking().bookingId().equals(replacement)).findFirst().orElseThrow();
    assertThat(confirmed.booking().start()).isEqualTo(start);
    assertThat(confirmed.booking().end()).isEqualTo(start.plusSeconds(3600));
    assertThat(confirmed.booking().serviceId()).isEqualTo(catalog.serviceId);
    assertThat(confirmed.booking().locationId()).isEqualTo(catalog.locationId);
  }

  @Test
  void rescheduleIntoATakenSlotIs409AndKeepsThePeriod() {
    Instant mine = CatalogFixture.nextWeekAt(9, 0);
    Instant theirs = CatalogFixture.nextWeekAt(11, 0);
    UUID id = catalog.book(catalog.provider(), mine);
    catalog.book(catalog.provider(), theirs);

    catalog.post("/v1/bookings/" + id + "/reschedule", Map.of("start", theirs.plusSeconds(1800).toString()))
        .expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/slot-unavailable");
    catalog.get("/v1/bookings/" + id).expectStatus().isOk().expectBody().jsonPath("$.start").isEqualTo(mine.toString());

    Instant free = CatalogFixture.nextWeekAt(14, 0);
    catalog.post("/v1/bookings/" + id + "/reschedule", Map.of("start", free.toString()))
        .expectStatus().isOk()
        .expectHeader().valueEquals("ETag", "\"1\"")
        .expectBody().jsonPath("$.start").isEqualTo(free.toString()).jsonPath("$.end").isEqualTo(free.plusSeconds(3600).toString());
    catalog.get("/v1/bookings/" + id + "/history").expectStatus().isOk()
        .expectBody()
        .jsonPath("$.items.length()").isEqualTo(2)
        .jsonPath("$.items[0].from").doesNotExist()
        .jsonPath("$.items[0].to").isEqualTo("CONFIRMED")
        .jsonPath("$.items[1].reason").isEqualTo("rescheduled from " + mine + " to " + free);
  }

  @Test
  void aLapsedHoldCannotBeRescheduledOrConfirmed() {
    UUID id = bookingIn("HELD");
    Object start = catalog.get("/v1/bookings/" + id).expectBody(Map.class).returnResult().getResponseBody().get("start");
    ageHold(id);
    catalog.post("/v1/bookings/" + id + "/reschedule", Map.of("start", CatalogFixture.nextWeekAt(18, 0).toString()))
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/invalid-transition");
    catalog.post("/v1/bookings/" + id + "/confirm", Map.of()).expectStatus().isEqualTo(409);
    // Neither moved nor confirmed it: it is still the lapsed hold (or the sweeper has expired it meanwhile).
    Map<?, ?> after = catalog.get("/v1/bookings/" + id).expectBody(Map.class).returnResult().getResponseBody();
    assertThat(after.get("start")).isEqualTo(start);
    assertThat(after.get("status")).isIn("HELD", "EXPIRED");
  }

  @Test
  void aStaleIfMatchIs412() {
    UUID id = bookingIn("HELD");
    http.post().uri("/v1/bookings/" + id + "/confirm")
        .header("Authorization", "Bearer " + tenant.apiKey()).header("If-Match", "\"7\"")
        .exchange().expectStatus().isEqualTo(412);
    http.post().uri("/v1/bookings/" + id + "/confirm")
        .header("Authorization", "Bearer " + tenant.apiKey()).header("If-Match", "\"0\"")
        .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
  }

  @Test
  void availabilityHidesTakenSlotsAndListingFilters() {
    Instant start = CatalogFixture.nextWeekAt(10, 0);
    String window = "serviceId=" + catalog.serviceId + "&from=" + start + "&to=" + start.plus(Duration.ofHours(2));
    catalog.get("/v1/availability?" + window).expectStatus().isOk()
        .expectBody().jsonPath("$.slots.length()").isEqualTo(8); // 10:00 .. 11:45, every 15 minutes
    UUID booked = catalog.book(catalog.provider(), start);
    // 10:00-11:00 taken: slots overlapping it (09:15 .. 10:45 starts) vanish; 11:00 .. 11:45 stay.
    catalog.get("/v1/availability?" + window).expectStatus().isOk()
        .expectBody()
        .jsonPath("$.slots.length()").isEqualTo(4)
        .jsonPath("$.slots[0].start").isEqualTo(start.plus(Duration.ofHours(1)).toString())
        .jsonPath("$.slots[0].providerId").isEqualTo(catalog.provider().toString())
        .jsonPath("$.slots[0].locationId").isEqualTo(catalog.locationId.toString());

    catalog.get("/v1/bookings?providerId=" + catalog.provider() + "&status=CONFIRMED").expectStatus().isOk()
        .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(booked.toString());
    catalog.get("/v1/bookings?status=CANCELLED").expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
  }
}
