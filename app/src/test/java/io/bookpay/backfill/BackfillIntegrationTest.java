package io.bookpay.backfill;

import static io.bookpay.invoice.MoneyFixture.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * The backfill publishes snapshots of data made before its events existed: here rows written
 * straight into the tables, as an older release left them, with no event behind them.
 */
class BackfillIntegrationTest extends IntegrationTest {

  private final String operator = "Bearer " + TestInfrastructure.get().adminToken();

  @Test
  void publishesASnapshotOfEveryTenantProfileAndCatalogItem() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    // As an older release left them: no events for these rows.
    UUID oldTenant = UUID.randomUUID();
    sql.update("INSERT INTO tenants (id, name, created_at) VALUES (?, 'Old Clinic', now())", oldTenant);
    UUID oldLocation = UUID.randomUUID();
    sql.update("INSERT INTO locations (id, tenant_id, name, time_zone, active, version, created_at, updated_at)"
        + " VALUES (?, ?, 'Old street', 'Europe/Vienna', true, 3, now(), now())", oldLocation, oldTenant);
    long before = sql.count("SELECT count(*) FROM outbox WHERE tenant_id IN (?, ?)", tenant.id(), oldTenant);

    Map<?, ?> result = http.post().uri("/v1/admin/projections/backfill").header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

    long tenants = sql.count("SELECT count(*) FROM tenants");
    assertThat(((Number) result.get("tenants")).longValue()).isBetween(2L, tenants);
    assertThat(((Number) result.get("locations")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(((Number) result.get("services")).longValue()).isGreaterThanOrEqualTo(1);
    assertThat(((Number) result.get("providers")).longValue()).isGreaterThanOrEqualTo(1);
    // One profile and one snapshot per item of the two tenants: 1 + 3 and 1 + 1.
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id IN (?, ?)", tenant.id(), oldTenant)).isEqualTo(before + 6);

    EventCodec codec = new EventCodec();
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    List<EventEnvelope> old = await().atMost(Duration.ofSeconds(30)).until(
        () -> List.of(Topics.TENANTS, Topics.CATALOG).stream()
            .flatMap(topic -> TopicReader.readAll(kafka, topic, r -> oldTenant.toString().equals(TopicReader.header(r, "ce_tenantid"))).stream())
            .map(r -> codec.decode(r.value())).toList(),
        found -> found.size() == 2);
    assertThat(old).extracting(EventEnvelope::payload).containsExactlyInAnyOrder(
        new TenantProfileChanged(oldTenant, "Old Clinic", "UTC", 0),
        new LocationChanged(oldLocation, "Old street", "Europe/Vienna", true, 3));

    List<EventEnvelope> current = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.CATALOG, r -> tenant.id().toString().equals(TopicReader.header(r, "ce_tenantid"))).stream()
            .map(r -> codec.decode(r.value())).toList(),
        found -> found.size() == 7); // 4 from the fixture (location, service, provider created, its hours) and 3 snapshots
    ProviderChanged snapshot = (ProviderChanged) current.stream().map(EventEnvelope::payload)
        .filter(ProviderChanged.class::isInstance).reduce((a, b) -> b).orElseThrow();
    assertThat(snapshot.workingHours()).hasSize(7);
    assertThat(snapshot.version()).isEqualTo(1);
    assertThat(current.stream().map(EventEnvelope::payload).filter(ServiceChanged.class::isInstance)).hasSize(2);
  }

  @Test
  void publishesTheLineKindAllocationOfEverySucceededPaymentAndRefund() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("SERVICE", "Facial", 1, 1_000, null, null),
        line("PRODUCT", "Serum", 1, 1_000, null, null), line("SERVICE", "Massage", 1, 1_000, null, null)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    Map<String, Object> card = m.giftCard(5_000);
    String cash = (String) m.pay(invoice, "CASH", 100).get("id");
    String byCard = (String) m.created("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 2_900, "giftCardCode", card.get("code"))).get("id");
    String refund = (String) m.created("/v1/payments/" + byCard + "/refunds", Map.of("amount", 1_000)).get("id");

    Map<?, ?> result = http.post().uri("/v1/admin/projections/backfill").header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    assertThat(((Number) result.get("payments")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(((Number) result.get("refunds")).longValue()).isGreaterThanOrEqualTo(1);

    List<Map<String, Object>> allocated = sql.rows("SELECT envelope->>'type' AS type,"
        + " coalesce(envelope->'payload'->>'paymentId', '') AS payment, coalesce(envelope->'payload'->>'refundId', '') AS refund,"
        + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->'byLineKind'->>'SERVICE' AS service,"
        + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->'byLineKind'->>'PRODUCT' AS product,"
        + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->>'method' AS method"
        + " FROM outbox WHERE aggregate_id = ? AND envelope->>'type' IN ('PaymentAllocated', 'RefundAllocated') ORDER BY id", invoice);
    assertThat(allocated).extracting(r -> r.get("type"), r -> r.get("payment"), r -> r.get("refund"), r -> r.get("method"))
        .containsExactly(
            tuple("PaymentAllocated", cash, "", "CASH"),
            tuple("PaymentAllocated", byCard, "", "GIFT_CARD"),
            tuple("RefundAllocated", byCard, refund, "GIFT_CARD"));
    // The same split a payment event of today carries (see MoneyEventsIntegrationTest): largest remainder over 1,000 each.
    assertThat(allocated).extracting(r -> r.get("service"), r -> r.get("product"))
        .containsExactly(tuple("67", "33"), tuple("1933", "967"), tuple("667", "333"));
  }

  @Test
  void onlyTheOperatorMayRunIt() {
    TestTenant tenant = newTenant();
    long outbox = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id());
    http.post().uri("/v1/admin/projections/backfill").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isUnauthorized();
    http.post().uri("/v1/admin/projections/backfill").exchange().expectStatus().isUnauthorized();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id())).isEqualTo(outbox);
  }
}
