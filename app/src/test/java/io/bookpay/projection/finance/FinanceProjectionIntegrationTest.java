package io.bookpay.projection.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentAllocated;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundAllocated;
import io.bookpay.events.money.RefundSucceeded;
import java.time.Instant;
import io.bookpay.testsupport.FinanceScript;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * The finance consumer over {@link FinanceScript}: facts land on the tenant's Berlin days across the
 * DST change, and every event delivered a second time (by the same Kafka topics) leaves every
 * finance table and every finance report (JSON and CSV) exactly as it was.
 */
class FinanceProjectionIntegrationTest extends IntegrationTest {

  /** Every finance table and the columns that identify its content (not the row's bookkeeping times). */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("finance_tenant_zones", "time_zone, version, changed_at");
    TABLES.put("finance_money", "event_id, day, currency, kind, method, amount, invoice_id, payment_id, occurred_at");
    TABLES.put("finance_money_line_kinds", "event_id, line_kind, day, currency, kind, invoice_id, amount");
    TABLES.put("finance_invoices", "invoice_id, currency, booking_id, subtotal, discount, tax, total, finalized_at, finalized_day, due_at,"
        + " due_day, paid_day, voided_day");
    TABLES.put("finance_bookings", "booking_id, service_id, provider_id, location_id, state_at");
    TABLES.put("finance_gift_card_moves", "event_id, gift_card_id, day, currency, kind, amount, without_payment, balance_after");
    TABLES.put("finance_packages", "purchase_id, currency, sessions, amount, day");
    TABLES.put("finance_package_moves", "event_id, purchase_id, day, kind, sessions");
    TABLES.put("finance_memberships", "membership_id, currency, price_amount, period, starts_at, ends_at, started_day, ended_day, state_at");
    TABLES.put("finance_claims", "claim_id, invoice_id, currency, payer");
    TABLES.put("finance_claim_moves", "event_id, claim_id, day, kind, currency, payer, claimed, expected, approved");
  }

  @Test
  void factsLandOnTheTenantsDaysAndARedeliveryChangesNothing() {
    TestTenant tenant = newTenant();
    FinanceScript script = new FinanceScript(tenant.id());
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(script.zone());
      KafkaEvents.awaitApplied(sql, "finance", List.of(script.zone().eventId()));
      List<EventEnvelope> events = new java.util.ArrayList<>(script.events());
      events.addAll(script.disputes());
      kafka.sendAll(events);
      KafkaEvents.awaitApplied(sql, "finance", events.stream().map(EventEnvelope::eventId).toList());

      // 2026-03-29T22:30Z is 00:30 CEST on 03-30; 2026-03-28T23:30Z is 00:30 CET on 03-29.
      assertThat(sql.rows("SELECT day, method, amount FROM finance_money WHERE tenant_id = ? AND invoice_id = ? AND kind = 'PAYMENT'"
          + " ORDER BY day", tenant.id(), script.invoice1))
          .extracting(r -> r.get("day").toString() + " " + r.get("method") + " " + r.get("amount"))
          .containsExactly("2026-03-29 CASH 5000", "2026-03-30 CARD 8000");
      assertThat(sql.rows("SELECT finalized_day, due_day, paid_day FROM finance_invoices WHERE tenant_id = ? AND invoice_id = ?",
          tenant.id(), script.invoice1)).singleElement()
          .satisfies(r -> {
            assertThat(r.get("finalized_day").toString()).isEqualTo("2026-03-29");
            assertThat(r.get("due_day").toString()).isEqualTo("2026-04-05");
            assertThat(r.get("paid_day").toString()).isEqualTo("2026-03-30");
          });
      // Not the failed payment, nor the dispute won; the lost one on its Berlin day (22:30 UTC on 03-31).
      assertThat(sql.count("SELECT count(*) FROM finance_money WHERE tenant_id = ?", tenant.id())).isEqualTo(14);
      assertThat(sql.rows("SELECT day, method, amount, invoice_id FROM finance_money WHERE tenant_id = ? AND kind = 'DISPUTE_LOST'",
          tenant.id())).singleElement().satisfies(r -> {
            assertThat(r.get("day").toString()).isEqualTo("2026-04-01");
            assertThat(r).containsEntry("method", "CARD").containsEntry("amount", 3000L).containsEntry("invoice_id", script.invoice5);
          });
      assertThat(sql.count("SELECT coalesce(sum(amount), 0) FROM finance_gift_card_moves WHERE tenant_id = ?", tenant.id())).isEqualTo(8500);
      assertThat(sql.count("SELECT coalesce(sum(sessions), 0) FROM finance_package_moves WHERE tenant_id = ?", tenant.id())).isEqualTo(4);
      assertThat(sql.rows("SELECT ended_day FROM finance_memberships WHERE tenant_id = ? AND membership_id = ?", tenant.id(),
          script.membership2)).singleElement().satisfies(r -> assertThat(r.get("ended_day").toString()).isEqualTo("2026-03-30"));
      assertThat(sql.rows("SELECT payer, invoice_id FROM finance_claims WHERE tenant_id = ? AND claim_id = ?", tenant.id(), script.claim1))
          .singleElement().satisfies(r -> {
            assertThat(r.get("payer")).isEqualTo("Acme Health");
            assertThat(r.get("invoice_id")).isEqualTo(script.invoice6);
          });

      Map<String, List<Map<String, Object>>> first = dump(tenant.id());
      assertThat(first.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
      Map<String, String> reports = reports(tenant);
      assertThat(reports.get("application/json financial?groupBy=month&currency=EUR&from=2025-10-01&to=2026-04-30"))
          .contains("\"disputesLost\":3000").contains("\"net\":");

      List<EventEnvelope> again = new java.util.ArrayList<>(events);
      again.add(script.zone());
      List<RecordMetadata> sent = kafka.sendAll(again);
      KafkaEvents.awaitPast(sql, "finance", sent);
      assertThat(dump(tenant.id())).isEqualTo(first);
      assertThat(reports(tenant)).isEqualTo(reports);
    }
  }

  @Test
  void aBackfilledAllocationSpreadsMoneyCountedWithoutOneAndChangesNothingElse() {
    UUID tenant = UUID.randomUUID();
    UUID invoice = UUID.randomUUID();
    UUID oldPayment = UUID.randomUUID();
    UUID newPayment = UUID.randomUUID();
    UUID oldRefund = UUID.randomUUID();
    List<String> kinds = List.of("SERVICE", "PRODUCT");
    // Written before events carried byLineKind: counted UNALLOCATED (no zone: UTC days).
    EventEnvelope paidBefore = at(tenant, "2026-03-29T10:00:00Z", new PaymentSucceeded(invoice, oldPayment,
        new MoneyFacts(null, "CASH", 1_000, "EUR", kinds, null), null, null));
    EventEnvelope refundedBefore = at(tenant, "2026-03-30T10:00:00Z", new RefundSucceeded(invoice, oldRefund, oldPayment,
        new MoneyFacts(null, "CASH", 100, "EUR", kinds, null), "partly"));
    EventEnvelope paidSplit = at(tenant, "2026-03-29T11:00:00Z", new PaymentSucceeded(invoice, newPayment,
        new MoneyFacts(null, "CARD", 500, "EUR", kinds, Map.of("SERVICE", 300L, "PRODUCT", 200L)), null, null));
    // The backfill's allocations, published later (and twice: the operator ran it again).
    List<EventEnvelope> backfill = List.of(
        at(tenant, "2026-12-01T08:00:00Z", new PaymentAllocated(invoice, oldPayment,
            new MoneyFacts(null, "CASH", 1_000, "EUR", kinds, Map.of("SERVICE", 600L, "PRODUCT", 400L)), null)),
        at(tenant, "2026-12-01T08:00:00Z", new RefundAllocated(invoice, oldRefund, oldPayment,
            new MoneyFacts(null, "CASH", 100, "EUR", kinds, Map.of("SERVICE", 60L, "PRODUCT", 40L)))),
        at(tenant, "2026-12-01T08:00:00Z", new PaymentAllocated(invoice, newPayment,
            new MoneyFacts(null, "CARD", 500, "EUR", kinds, Map.of("SERVICE", 250L, "PRODUCT", 250L)), null)));
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.sendAll(List.of(paidBefore, refundedBefore, paidSplit));
      KafkaEvents.awaitApplied(sql, "finance", List.of(paidBefore.eventId(), refundedBefore.eventId(), paidSplit.eventId()));
      assertThat(lineKinds(tenant)).containsExactlyInAnyOrder("2026-03-29 PAYMENT SERVICE 300", "2026-03-29 PAYMENT PRODUCT 200",
          "2026-03-29 PAYMENT UNALLOCATED 1000", "2026-03-30 REFUND UNALLOCATED 100");

      kafka.sendAll(backfill);
      KafkaEvents.awaitApplied(sql, "finance", backfill.stream().map(EventEnvelope::eventId).toList());
      List<String> allocated = lineKinds(tenant);
      assertThat(allocated).containsExactlyInAnyOrder("2026-03-29 PAYMENT SERVICE 300", "2026-03-29 PAYMENT PRODUCT 200",
          "2026-03-29 PAYMENT SERVICE 600", "2026-03-29 PAYMENT PRODUCT 400", "2026-03-30 REFUND SERVICE 60", "2026-03-30 REFUND PRODUCT 40");

      List<EventEnvelope> again = backfill.stream().map(e -> EventEnvelope.wrap(UUID.randomUUID(), tenant, e.occurredAt(), e.payload())).toList();
      kafka.sendAll(again);
      KafkaEvents.awaitApplied(sql, "finance", again.stream().map(EventEnvelope::eventId).toList());
      assertThat(lineKinds(tenant)).isEqualTo(allocated);
      assertThat(sql.count("SELECT coalesce(sum(amount), 0) FROM finance_money WHERE tenant_id = ?", tenant)).isEqualTo(1_600); // no money moved
    }
  }

  private List<String> lineKinds(UUID tenant) {
    return sql.rows("SELECT k.day, k.kind, k.line_kind, k.amount FROM finance_money_line_kinds k JOIN finance_money m"
            + " ON m.tenant_id = k.tenant_id AND m.event_id = k.event_id WHERE k.tenant_id = ? ORDER BY k.day, m.occurred_at, k.amount DESC",
            tenant).stream()
        .map(r -> r.get("day") + " " + r.get("kind") + " " + r.get("line_kind") + " " + r.get("amount")).toList();
  }

  private static EventEnvelope at(UUID tenant, String instant, io.bookpay.events.DomainEvent event) {
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.parse(instant), event);
  }

  @Test
  void aMembershipShortenedWithoutEndingAndRestoredKeepsItsDays() {
    UUID tenant = UUID.randomUUID();
    UUID membership = UUID.randomUUID();
    UUID invoice = UUID.randomUUID();
    // A partial refund shortens a membership that stays active, then the refund fails and restores it:
    // neither names a day (these two once stalled the finance consumer on a parameter their SQL lacked).
    EventEnvelope started = at(tenant, "2026-03-01T09:00:00Z", new io.bookpay.events.money.MembershipStarted(membership, UUID.randomUUID(),
        UUID.randomUUID(), invoice, 3000, "EUR", "MONTH", Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-04-01T09:00:00Z")));
    EventEnvelope shortened = at(tenant, "2026-03-05T09:00:00Z", new io.bookpay.events.money.MembershipShortened(membership, invoice,
        UUID.randomUUID(), Instant.parse("2026-04-01T09:00:00Z"), Instant.parse("2026-03-20T09:00:00Z"), false));
    EventEnvelope restored = at(tenant, "2026-03-06T09:00:00Z", new io.bookpay.events.money.MembershipRestored(membership, invoice,
        UUID.randomUUID(), Instant.parse("2026-04-01T09:00:00Z"), true));
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(started);
      KafkaEvents.awaitApplied(sql, "finance", List.of(started.eventId()));
      kafka.send(shortened);
      KafkaEvents.awaitApplied(sql, "finance", List.of(shortened.eventId()));
      assertThat(sql.rows("SELECT ends_at, ended_day FROM finance_memberships WHERE tenant_id = ?", tenant)).singleElement()
          .satisfies(r -> {
            assertThat(r.get("ends_at").toString()).startsWith("2026-03-20");
            assertThat(r.get("ended_day")).isNull();
          });
      kafka.send(restored);
      KafkaEvents.awaitApplied(sql, "finance", List.of(restored.eventId()));
    }
    assertThat(sql.count("SELECT count(*) FROM projection_dead_letters WHERE consumer = 'finance' AND event_id IN (?, ?)",
        shortened.eventId(), restored.eventId())).isZero();
    assertThat(sql.rows("SELECT ends_at, ended_day FROM finance_memberships WHERE tenant_id = ?", tenant)).singleElement()
        .satisfies(r -> {
          assertThat(r.get("ends_at").toString()).startsWith("2026-04-01");
          assertThat(r.get("ended_day")).isNull();
        });
  }

  @Test
  void anEventTheTablesRefuseIsParkedAndTheNextOnesApply() {
    UUID tenant = UUID.randomUUID();
    UUID invoice = UUID.randomUUID();
    EventEnvelope poison = EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.parse("2026-03-29T10:00:00Z"), new PaymentSucceeded(invoice,
        UUID.randomUUID(), new MoneyFacts(null, "CASH", 100, "EURO", List.of("SERVICE"), Map.of("SERVICE", 100L)), null, null));
    EventEnvelope fine = EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.parse("2026-03-29T10:01:00Z"), new PaymentSucceeded(invoice,
        UUID.randomUUID(), new MoneyFacts(null, "CASH", 200, "EUR", List.of("SERVICE"), Map.of("SERVICE", 200L)), null, null));
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.sendAll(List.of(poison, fine));
      KafkaEvents.awaitApplied(sql, "finance", List.of(poison.eventId(), fine.eventId()));
    }
    assertThat(sql.count("SELECT count(*) FROM projection_dead_letters WHERE consumer = 'finance' AND event_id = ?", poison.eventId()))
        .isEqualTo(1);
    assertThat(sql.rows("SELECT amount FROM finance_money WHERE tenant_id = ?", tenant)).extracting(r -> r.get("amount"))
        .containsExactly(200L);
  }

  /** Every finance report of the tenant over the script's months, fresh (no cache), as JSON and CSV, without the fields that say when. */
  private Map<String, String> reports(TestTenant tenant) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String query : List.of("financial?groupBy=month&currency=EUR&from=2025-10-01&to=2026-04-30",
        "financial?currency=EUR&from=2026-03-27&to=2026-04-02", "financial?currency=USD&from=2026-03-27&to=2026-04-02",
        "receivables?currency=EUR&on=2026-04-01", "gift-cards?currency=EUR&from=2026-03-27&to=2026-04-02",
        "packages?currency=EUR&from=2026-03-27&to=2026-04-02", "memberships?currency=EUR&from=2026-03-27&to=2026-04-02")) {
      for (String accept : List.of("application/json", "text/csv")) {
        String body = http.get().uri("/v1/reports/" + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .header(HttpHeaders.ACCEPT, accept).header(HttpHeaders.CACHE_CONTROL, "no-cache").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        answers.put(accept + " " + query, body.replaceAll("\"(asOf|lagSeconds)\":(\"[^\"]*\"|[0-9]+|null)", ""));
      }
    }
    return answers;
  }

  private Map<String, List<Map<String, Object>>> dump(UUID tenant) {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    TABLES.forEach((table, columns) -> tables.put(table,
        sql.rows("SELECT " + columns + " FROM " + table + " WHERE tenant_id = ? ORDER BY " + columns, tenant)));
    return tables;
  }
}
