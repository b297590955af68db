package io.bookpay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * A report's answer is kept per tenant and query for a short time, dropped as soon as events of
 * that tenant are applied, and skipped with {@code Cache-Control: no-cache}. A row written behind
 * the projection's back shows which answer was served.
 */
class ReportCacheIntegrationTest extends IntegrationTest {

  @Test
  void aCachedAnswerIsDroppedWhenTheTenantsEventsApplyAndSkippedWithNoCache() {
    TestTenant tenant = newTenant();
    LocalDate today = LocalDate.now(ZoneOffset.UTC); // the tenant has no zone yet: UTC
    String query = "/v1/reports/bookings?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    try (KafkaEvents kafka = new KafkaEvents()) {
      applyABooking(kafka, tenant.id());
      assertThat(created(tenant, query, null)).isEqualTo(1);

      sql.update("INSERT INTO analytics_booking_activity (tenant_id, booking_id, event_id, kind, day) VALUES (?, ?, ?, 'CREATED', ?)",
          tenant.id(), UUID.randomUUID(), UUID.randomUUID(), today);
      assertThat(created(tenant, query, null)).as("served from the cache").isEqualTo(1);
      assertThat(created(tenant, query, "no-cache")).as("no-cache reads the projection").isEqualTo(2);
      assertThat(created(tenant, query, null)).as("no-cache neither read nor replaced the cached answer").isEqualTo(1);

      applyABooking(kafka, tenant.id());
      await().atMost(Duration.ofSeconds(10)).until(() -> created(tenant, query, null) == 3);
    }
  }

  private void applyABooking(KafkaEvents kafka, UUID tenant) {
    Instant start = Instant.now().plus(Duration.ofDays(7));
    EventEnvelope event = EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.now(), new BookingConfirmed(new BookingFacts(
        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start, start.plusSeconds(1800), 100, "EUR")));
    kafka.send(event);
    KafkaEvents.awaitApplied(sql, "analytics", List.of(event.eventId()));
  }

  private long created(TestTenant tenant, String query, String cacheControl) {
    var request = http.get().uri(query).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    if (cacheControl != null) {
      request = request.header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
    Map<?, ?> body = request.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    return ((Number) ((Map<?, ?>) body.get("totals")).get("created")).longValue();
  }
}
