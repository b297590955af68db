package io.bookpay.payment;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A refund takes back, in its own transaction, the share of what the invoice delivered that it pays back. */
class RefundReversalIntegrationTest extends IntegrationTest {

  @Autowired PaymentService paymentService;
  @Autowired MeterRegistry meters;

  /** A paid invoice selling a gift card of {@code card} and a service of {@code service}; returns {invoice, payment, cardId, code}. */
  private static String[] paidGiftCardSale(MoneyFixture m, long card, long service, String method) {
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, card, null, null),
        line("SERVICE", "Facial", 1, service, null, null)), null);
    @SuppressWarnings("unchecked")
    Map<String, Object> issued = ((List<Map<String, Object>>) m.ok("/v1/invoices/" + invoice + "/finalize", null).get("giftCards")).get(0);
    String payment = (String) m.pay(invoice, method, card + service).get("id");
    return new String[] {invoice.toString(), payment, (String) issued.get("id"), (String) issued.get("code")};
  }

  @SuppressWarnings("unchecked")
  private static List<Object> ledgerKinds(MoneyFixture m, String card) {
    return ((List<Map<String, Object>>) m.get("/v1/gift-cards/" + card + "/ledger").get("items")).stream().map(e -> e.get("kind")).toList();
  }

  @Test
  void refundingAGiftCardSaleInFullTakesTheCardsValueBack() {
    MoneyFixture m = new MoneyFixture(http);
    String[] sale = paidGiftCardSale(m, 10_000, 5_000, "CASH");
    assertThat(num(m.get("/v1/gift-cards/" + sale[2]), "balance")).isEqualTo(10_000);

    Map<String, Object> refund = m.created("/v1/payments/" + sale[1] + "/refunds", Map.of("amount", 15_000));
    assertThat(refund.get("status")).isEqualTo("SUCCEEDED");
    assertThat(num(refund, "reversalShortfall")).isZero();
    assertThat(num(m.get("/v1/gift-cards/" + sale[2]), "balance")).isZero();
    assertThat(ledgerKinds(m, sale[2])).containsExactly("ISSUE", "REVERSAL");
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ?::uuid ORDER BY id", sale[2]))
        .extracting(r -> r.get("event_type")).containsExactly("GiftCardIssued", "GiftCardReversed");
    UUID next = m.openInvoice(100);
    assertThat(MoneyFixture.problem(m.post("/v1/invoices/" + next + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 100, "giftCardCode", sale[3])), 422).get("code")).isEqualTo("gift-card-insufficient");
  }

  @Test
  void aRefundWhoseCardIsSpentIsRefusedAndChangesNothingWhileASmallerOneFits() {
    MoneyFixture m = new MoneyFixture(http);
    String[] sale = paidGiftCardSale(m, 10_000, 5_000, "CASH");
    UUID other = m.openInvoice(6_000);
    m.created("/v1/invoices/" + other + "/payments", Map.of("method", "GIFT_CARD", "amount", 6_000, "giftCardCode", sale[3]));

    Map<String, Object> spent = MoneyFixture.problem(m.post("/v1/payments/" + sale[1] + "/refunds", Map.of("amount", 15_000)), 422);
    assertThat(spent.get("code")).isEqualTo("delivered-value-spent");
    assertThat(sql.count("SELECT count(*) FROM refunds WHERE payment_id = ?::uuid", sale[1])).isZero();
    assertThat(num(m.get("/v1/payments/" + sale[1]), "amountRefunded")).isZero();
    assertThat(num(m.get("/v1/gift-cards/" + sale[2]), "balance")).isEqualTo(4_000);

    // 6,000 of 15,000: the card's share is 4,000, exactly what is left on it.
    m.created("/v1/payments/" + sale[1] + "/refunds", Map.of("amount", 6_000));
    assertThat(num(m.get("/v1/gift-cards/" + sale[2]), "balance")).isZero();
    assertThat(num(m.get("/v1/invoices/" + sale[0]), "amountRefunded")).isEqualTo(6_000);
  }

  @Test
  @SuppressWarnings("unchecked")
  void packagesLoseUnusedSessionsAndMembershipsEndEarlierInProportion() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    MoneyFixture m = new MoneyFixture(http, tenant);
    UUID pkg = UUID.fromString((String) m.created("/v1/packages", Map.of("name", "Five facials", "serviceId", catalog.serviceId,
        "sessions", 5, "priceAmount", 40_000, "currency", "USD")).get("id"));
    UUID tier = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Gold", "priceAmount", 9_900,
        "currency", "USD", "period", "MONTH")).get("id"));
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("PACKAGE", "Five facials", 1, 40_000, null, pkg),
        line("MEMBERSHIP", "Gold, two months", 2, 9_900, null, tier)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    String payment = (String) m.pay(invoice, "CASH", 59_800).get("id");
    Map<String, Object> purchase = ((List<Map<String, Object>>) m.get("/v1/package-purchases?customerId=" + m.customerId).get("items")).get(0);
    Map<String, Object> membership = ((List<Map<String, Object>>) m.get("/v1/memberships?customerId=" + m.customerId).get("items")).get(0);
    Instant starts = Instant.parse((String) membership.get("startsAt"));
    Instant ends = Instant.parse((String) membership.get("endsAt"));

    // Half: 20,000 on the package (2.5 sessions, rounded up to 3), 9,900 on the membership (half its time).
    m.created("/v1/payments/" + payment + "/refunds", Map.of("amount", 29_900));
    Map<String, Object> afterHalf = m.get("/v1/package-purchases/" + purchase.get("id"));
    assertThat(num(afterHalf, "sessionsRemaining")).isEqualTo(2);
    assertThat(num(afterHalf, "sessionsReversed")).isEqualTo(3);
    Map<String, Object> shortened = m.get("/v1/memberships/" + membership.get("id"));
    assertThat(shortened.get("status")).isEqualTo("ACTIVE");
    assertThat(Instant.parse((String) shortened.get("endsAt"))).isCloseTo(starts.plus(Duration.between(starts, ends).dividedBy(2)),
        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));

    // The other half needs 3 more sessions; 2 are left.
    assertThat(MoneyFixture.problem(m.post("/v1/payments/" + payment + "/refunds", Map.of("amount", 29_900)), 422).get("code"))
        .isEqualTo("delivered-value-spent");
    assertThat(num(m.get("/v1/package-purchases/" + purchase.get("id")), "sessionsRemaining")).isEqualTo(2);
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id IN (?::uuid, ?::uuid) ORDER BY id", purchase.get("id"),
        membership.get("id"))).extracting(r -> r.get("event_type"))
        .containsExactly("PackagePurchased", "MembershipStarted", "PackageSessionsReversed", "MembershipShortened");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFullRefundEndsAMembershipAtOnce() {
    MoneyFixture m = new MoneyFixture(http);
    UUID tier = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Annual", "priceAmount", 50_000,
        "currency", "USD", "period", "YEAR")).get("id"));
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("MEMBERSHIP", "Annual", 1, 50_000, null, tier)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    String payment = (String) m.pay(invoice, "EXTERNAL", 50_000).get("id");
    m.created("/v1/payments/" + payment + "/refunds", Map.of("amount", 50_000));
    Map<String, Object> membership = ((List<Map<String, Object>>) m.get("/v1/memberships?customerId=" + m.customerId).get("items")).get(0);
    assertThat(membership.get("status")).isEqualTo("ENDED");
    assertThat(Instant.parse((String) membership.get("endsAt"))).isBefore(Instant.now());
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ?::uuid ORDER BY id", membership.get("id")))
        .extracting(r -> r.get("event_type")).containsExactly("MembershipStarted", "MembershipShortened", "MembershipEnded");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPendingCardRefundHoldsTheReversalAndAFailureRestoresIt() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    MoneyFixture m = new MoneyFixture(http, tenant);
    UUID pkg = UUID.fromString((String) m.created("/v1/packages", Map.of("name", "Five facials", "serviceId", catalog.serviceId,
        "sessions", 5, "priceAmount", 40_000, "currency", "USD")).get("id"));
    UUID tier = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Gold", "priceAmount", 9_900,
        "currency", "USD", "period", "MONTH")).get("id"));
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, 10_000, null, null),
        line("PACKAGE", "Five facials", 1, 40_000, null, pkg), line("MEMBERSHIP", "Gold", 1, 9_900, null, tier)), null);
    String card = (String) ((List<Map<String, Object>>) m.ok("/v1/invoices/" + invoice + "/finalize", null).get("giftCards")).get(0).get("id");
    UUID payment = UUID.fromString((String) m.pay(invoice, "CARD", 59_900).get("id"));
    paymentService.settleCharge(m.tenant.id(), payment, true, null, null).block();
    String purchase = (String) ((List<Map<String, Object>>) m.get("/v1/package-purchases?customerId=" + m.customerId).get("items")).get(0).get("id");
    Map<String, Object> membership = ((List<Map<String, Object>>) m.get("/v1/memberships?customerId=" + m.customerId).get("items")).get(0);

    Map<String, Object> refund = m.created("/v1/payments/" + payment + "/refunds", Map.of("amount", 59_900));
    assertThat(refund.get("status")).isEqualTo("PENDING");
    assertThat(num(m.get("/v1/gift-cards/" + card), "balance")).isZero();
    assertThat(num(m.get("/v1/package-purchases/" + purchase), "sessionsRemaining")).isZero();
    assertThat(m.get("/v1/memberships/" + membership.get("id")).get("status")).isEqualTo("ENDED");

    paymentService.settleRefund(m.tenant.id(), UUID.fromString((String) refund.get("id")), false, null, "expired_card").block();
    assertThat(num(m.get("/v1/gift-cards/" + card), "balance")).isEqualTo(10_000);
    assertThat(ledgerKinds(m, card)).containsExactly("ISSUE", "REVERSAL", "REVERSAL_UNDONE");
    Map<String, Object> sessions = m.get("/v1/package-purchases/" + purchase);
    assertThat(num(sessions, "sessionsRemaining")).isEqualTo(5);
    assertThat(num(sessions, "sessionsReversed")).isZero();
    Map<String, Object> restored = m.get("/v1/memberships/" + membership.get("id"));
    assertThat(restored.get("status")).isEqualTo("ACTIVE");
    assertThat(restored.get("endsAt")).isEqualTo(membership.get("endsAt"));
    assertThat(restored.get("endedAt")).isNull();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id IN (?::uuid, ?::uuid, ?::uuid) AND event_type IN"
        + " ('GiftCardReversalUndone', 'PackageSessionsRestored', 'MembershipRestored')", card, purchase, membership.get("id"))).isEqualTo(3);
  }

  @Test
  void aRefundMadeAtTheProcessorIsRecordedAndWhatCannotBeTakenBackIsAShortfall() {
    MoneyFixture m = new MoneyFixture(http);
    String[] sale = paidGiftCardSale(m, 10_000, 10_000, "CARD");
    paymentService.settleCharge(m.tenant.id(), UUID.fromString(sale[1]), true, null, null).block();
    String intent = (String) m.get("/v1/payments/" + sale[1]).get("gatewayReference");
    UUID other = m.openInvoice(8_000);
    m.created("/v1/invoices/" + other + "/payments", Map.of("method", "GIFT_CARD", "amount", 8_000, "giftCardCode", sale[3]));
    Counter shortfalls = meters.counter("bookpay.refunds.reversal.shortfall", "currency", "USD");
    double before = shortfalls.count();

    Settlement<Refund> settled = paymentService.applyRefundOutcome(m.tenant.id(), "re_dashboard_" + UUID.randomUUID(), null, intent,
        20_000, "USD", true, null).block();
    assertThat(settled.changed()).isTrue();
    Map<String, Object> refund = m.get("/v1/refunds/" + settled.value().id());
    assertThat(refund.get("status")).isEqualTo("SUCCEEDED");
    assertThat(num(refund, "reversalShortfall")).isEqualTo(8_000);
    assertThat(num(m.get("/v1/gift-cards/" + sale[2]), "balance")).isZero();
    assertThat(num(m.get("/v1/invoices/" + sale[0]), "amountRefunded")).isEqualTo(20_000);
    assertThat(shortfalls.count() - before).isEqualTo(8_000);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefundMadeBeforeTheInvoiceWasPaidTakesItsShareWhenTheValueIsDelivered() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, 10_000, null, null)), null);
    String card = (String) ((List<Map<String, Object>>) m.ok("/v1/invoices/" + invoice + "/finalize", null).get("giftCards")).get(0).get("id");
    String first = (String) m.pay(invoice, "CASH", 4_000).get("id");
    m.created("/v1/payments/" + first + "/refunds", Map.of("amount", 4_000));
    m.pay(invoice, "CASH", 6_000);
    assertThat(m.get("/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");
    // 6,000 kept of 10,000 asked: the card holds 6,000.
    assertThat(num(m.get("/v1/gift-cards/" + card), "balance")).isEqualTo(6_000);
    assertThat(ledgerKinds(m, card)).containsExactly("ISSUE", "REVERSAL");
  }
}
