package io.bookpay.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import io.bookpay.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The read side's operations: a poison event is parked and its partition moves on; the operator
 * lists and retries parked events; positions are stored with the batch; processed-event ids are
 * pruned after the retention; the metrics are there.
 */
class ProjectionOperationsIntegrationTest extends IntegrationTest {

  private final String operator = "Bearer " + TestInfrastructure.get().adminToken();

  @Test
  void aPoisonEventIsParkedAndLaterEventsOfItsPartitionStillApply() {
    UUID tenant = UUID.randomUUID();
    UUID booking = UUID.randomUUID();
    EventEnvelope before = confirmed(tenant, booking);
    // Decodes (a BookingConfirmed), but names no booking: the rollups cannot apply it.
    EventEnvelope poison = new EventEnvelope(UUID.randomUUID(), "BookingConfirmed", 1, tenant, "Booking", booking,
        Instant.now(), new BookingConfirmed(null));
    EventEnvelope after = cancelled(tenant, booking);
    RecordMetadata parked;
    RecordMetadata last;
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(before);
      parked = kafka.send(poison, booking.toString());
      last = kafka.send(after);
      KafkaEvents.awaitApplied(sql, "analytics", List.of(before.eventId(), poison.eventId(), after.eventId()));
    }
    assertThat(parked.partition()).isEqualTo(last.partition());

    List<Map<String, Object>> letters = sql.rows(
        "SELECT consumer, topic, kafka_partition, kafka_offset, error, attempts FROM projection_dead_letters WHERE event_id = ?"
            + " AND consumer = 'analytics'", poison.eventId()); // the finance consumer, which reads bookings too, parks its own
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0)).containsEntry("consumer", "analytics").containsEntry("topic", "bookpay.bookings")
        .containsEntry("kafka_partition", parked.partition()).containsEntry("kafka_offset", parked.offset()).containsEntry("attempts", 1);
    assertThat((String) letters.get(0).get("error")).contains("NullPointerException");
    // The events around it applied; the poison left nothing behind, not even its processed id.
    assertThat(sql.count("SELECT count(*) FROM analytics_booking_activity WHERE tenant_id = ?", tenant)).isEqualTo(3); // created, confirmed, cancelled
    assertThat(sql.count("SELECT count(*) FROM processed_events WHERE event_id = ?", poison.eventId())).isZero();
    assertThat(sql.count("SELECT coalesce(sum(count), 0) FROM analytics_daily WHERE tenant_id = ?", tenant)).isEqualTo(2);
    // The partition moved on: the stored position is past the last event.
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(
        "SELECT next_offset FROM projection_positions WHERE consumer = 'analytics' AND topic = 'bookpay.bookings' AND kafka_partition = ?",
        last.partition()) >= last.offset() + 1);

    // The operator sees it ...
    http.get().uri("/v1/admin/projections/dead-letters?consumer=analytics&limit=200").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.items[?(@.eventId == '" + poison.eventId() + "')].offset").isEqualTo((int) parked.offset())
        .jsonPath("$.items[?(@.eventId == '" + poison.eventId() + "')].envelope.type").isEqualTo("BookingConfirmed");
    // ... and a retry of an event that still cannot be applied is 422; it stays parked with one more attempt.
    UUID id = (UUID) sql.rows("SELECT id FROM projection_dead_letters WHERE event_id = ? AND consumer = 'analytics'", poison.eventId())
        .get(0).get("id");
    http.post().uri("/v1/admin/projections/dead-letters/" + id + "/retry").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isEqualTo(422)
        .expectBody().jsonPath("$.code").isEqualTo("dead-letter-still-failing");
    assertThat(sql.count("SELECT attempts FROM projection_dead_letters WHERE id = ?", id)).isEqualTo(2);
    assertThat(prometheus()).contains("bookpay_projection_dead_letters{").contains("bookpay_projection_parked_total{");
  }

  @Test
  void aParkedEventThatCanBeAppliedNowIsAppliedOnceByItsRetry() {
    UUID tenant = UUID.randomUUID();
    EventEnvelope event = confirmed(tenant, UUID.randomUUID());
    UUID id = UUID.randomUUID();
    // As if a since-fixed bug had parked it.
    sql.update("""
        INSERT INTO projection_dead_letters (id, consumer, event_id, tenant_id, event_type, occurred_at, topic, kafka_partition,
            kafka_offset, envelope, error)
        VALUES (?, 'analytics', ?, ?, 'BookingConfirmed', now(), 'bookpay.bookings', 0, 0, ?::jsonb, 'IllegalStateException: a bug')
        """, id, event.eventId(), tenant, new String(new EventCodec().encode(event), StandardCharsets.UTF_8));

    http.post().uri("/v1/admin/projections/dead-letters/" + id + "/retry").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.outcome").isEqualTo("APPLIED").jsonPath("$.eventId").isEqualTo(event.eventId().toString());
    assertThat(sql.count("SELECT count(*) FROM analytics_booking_activity WHERE tenant_id = ?", tenant)).isEqualTo(2);
    assertThat(sql.count("SELECT count(*) FROM processed_events WHERE consumer = 'analytics' AND event_id = ?", event.eventId())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM projection_dead_letters WHERE id = ?", id)).isZero();
    http.post().uri("/v1/admin/projections/dead-letters/" + id + "/retry").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isNotFound();

    // Delivered by Kafka afterwards all the same: nothing changes.
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(event);
      EventEnvelope marker = cancelled(tenant, event.aggregateId());
      kafka.send(marker);
      KafkaEvents.awaitApplied(sql, "analytics", List.of(marker.eventId()));
    }
    assertThat(sql.count("SELECT count(*) FROM analytics_booking_activity WHERE tenant_id = ?", tenant)).isEqualTo(3);
  }

  @Test
  void theDeadLetterEndpointsNeedTheOperatorToken() {
    TestTenant tenant = newTenant();
    for (String credential : new String[] {null, "Bearer " + tenant.apiKey(), "Bearer not-the-operator-token"}) {
      var get = http.get().uri("/v1/admin/projections/dead-letters");
      var post = http.post().uri("/v1/admin/projections/dead-letters/" + UUID.randomUUID() + "/retry");
      if (credential != null) {
        get = get.header(HttpHeaders.AUTHORIZATION, credential);
        post = post.header(HttpHeaders.AUTHORIZATION, credential);
      }
      get.exchange().expectStatus().isUnauthorized();
      post.exchange().expectStatus().isUnauthorized();
    }
    http.get().uri("/v1/admin/projections/dead-letters?cursor=nonsense").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isBadRequest();
    http.post().uri("/v1/admin/projections/dead-letters/" + UUID.randomUUID() + "/retry").header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isNotFound();
  }

  @Test
  void processedEventIdsArePrunedAfterTheRetention() {
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    sql.update("INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ('analytics', ?, now() - interval '8 days')", old);
    sql.update("INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ('analytics', ?, now() - interval '6 days')", recent);
    await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("SELECT count(*) FROM processed_events WHERE event_id = ?", old) == 0);
    assertThat(sql.count("SELECT count(*) FROM processed_events WHERE event_id = ?", recent)).isEqualTo(1);
  }

  @Test
  void consumerLagAndApplyLatencyAreMeasured() {
    UUID tenant = UUID.randomUUID();
    EventEnvelope event = confirmed(tenant, UUID.randomUUID());
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(event);
      KafkaEvents.awaitApplied(sql, "analytics", List.of(event.eventId()));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
        .contains("bookpay_consumer_lag_records{", "group=\"analytics\"", "topic=\"bookpay.bookings\"")
        .contains("bookpay_consumer_lag_seconds{")
        .contains("bookpay_consumer_apply_latency_seconds_bucket{"));
  }

  private String prometheus() {
    return http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, operator).accept(MediaType.TEXT_PLAIN).exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
  }

  static BookingFacts facts(UUID booking) {
    Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    return new BookingFacts(booking, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start,
        start.plus(30, ChronoUnit.MINUTES), 5000, "EUR");
  }

  private static EventEnvelope confirmed(UUID tenant, UUID booking) {
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.now(), new BookingConfirmed(facts(booking)));
  }

  private static EventEnvelope cancelled(UUID tenant, UUID booking) {
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.now(), new BookingCancelled(facts(booking), "changed plans"));
  }
}
