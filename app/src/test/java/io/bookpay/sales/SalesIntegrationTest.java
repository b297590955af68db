package io.bookpay.sales;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What invoices sell (packages, memberships, gift cards) is delivered when they are paid, and used afterwards. */
class SalesIntegrationTest extends IntegrationTest {

  @Test
  @SuppressWarnings("unchecked")
  void packagesMembershipsAndGiftCardsSoldOnAnInvoiceAreDeliveredWhenItIsPaid() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    MoneyFixture m = new MoneyFixture(http, tenant);
    UUID pkg = UUID.fromString((String) m.created("/v1/packages", Map.of("name", "Five facials", "serviceId", catalog.serviceId,
        "sessions", 2, "priceAmount", 40_000, "currency", "USD")).get("id"));
    UUID tier = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Gold", "priceAmount", 9_900,
        "currency", "USD", "period", "MONTH")).get("id"));
    UUID invoice = m.draft(m.customerId, "USD", List.of(
        line("PACKAGE", "Two facials", 1, 40_000, null, pkg),
        line("MEMBERSHIP", "Gold, two months", 2, 9_900, null, tier),
        line("GIFT_CARD", "Gift card", 2, 5_000, null, null)), null);

    Map<String, Object> open = m.ok("/v1/invoices/" + invoice + "/finalize", null);
    List<Map<String, Object>> cards = (List<Map<String, Object>>) open.get("giftCards");
    assertThat(cards).hasSize(2).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("PENDING"));
    String code = (String) cards.get(0).get("code");
    assertThat(m.get("/v1/invoices/" + invoice)).doesNotContainKey("giftCards");

    UUID other = m.openInvoice(1_000);
    Map<String, Object> unusable = MoneyFixture.problem(m.post("/v1/invoices/" + other + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 500, "giftCardCode", code)), 422);
    assertThat(unusable.get("code")).isEqualTo("gift-card-unusable");

    Instant paidAt = Instant.now();
    m.pay(invoice, "CASH", 69_800);
    assertThat(m.get("/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");

    List<Map<String, Object>> purchases = (List<Map<String, Object>>) m.get("/v1/package-purchases?customerId=" + m.customerId).get("items");
    assertThat(purchases).singleElement().satisfies(p -> {
      assertThat(num(p, "sessionsTotal")).isEqualTo(2);
      assertThat(num(p, "sessionsRemaining")).isEqualTo(2);
    });
    List<Map<String, Object>> memberships = (List<Map<String, Object>>) m.get("/v1/memberships?customerId=" + m.customerId).get("items");
    assertThat(memberships).singleElement().satisfies(ms -> {
      assertThat(ms.get("status")).isEqualTo("ACTIVE");
      Instant starts = Instant.parse((String) ms.get("startsAt"));
      assertThat(starts).isBetween(paidAt.minusSeconds(5), paidAt.plusSeconds(30));
      assertThat(Instant.parse((String) ms.get("endsAt"))).isEqualTo(starts.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant());
    });

    // The gift cards now hold their value and pay: the code is typed loosely at the desk.
    Map<String, Object> looked = m.ok("/v1/gift-cards/lookup", Map.of("code", code.toLowerCase().replace("-", " ")));
    assertThat(looked.get("status")).isEqualTo("ACTIVE");
    assertThat(num(looked, "balance")).isEqualTo(5_000);
    m.created("/v1/invoices/" + other + "/payments", Map.of("method", "GIFT_CARD", "amount", 1_000, "giftCardCode", code));
    assertThat(m.get("/v1/invoices/" + other).get("status")).isEqualTo("PAID");
    List<Map<String, Object>> ledger = (List<Map<String, Object>>) m.get("/v1/gift-cards/" + looked.get("id") + "/ledger").get("items");
    assertThat(ledger).extracting(e -> e.get("kind")).containsExactly("ISSUE", "REDEEM");
    assertThat(ledger).extracting(e -> num(e, "balanceAfter")).containsExactly(5_000L, 4_000L);

    // Package sessions pay for the customer's bookings of that service, one each.
    UUID purchase = UUID.fromString((String) purchases.get(0).get("id"));
    UUID b1 = book(m, catalog, 10);
    UUID b2 = book(m, catalog, 12);
    UUID b3 = book(m, catalog, 14);
    assertThat(num(m.ok("/v1/package-purchases/" + purchase + "/redemptions", Map.of("bookingId", b1)), "sessionsRemaining")).isEqualTo(1);
    MoneyFixture.problem(m.post("/v1/package-purchases/" + purchase + "/redemptions", Map.of("bookingId", b1)), 409);
    assertThat(num(m.ok("/v1/package-purchases/" + purchase + "/redemptions", Map.of("bookingId", b2)), "sessionsRemaining")).isZero();
    Map<String, Object> none = MoneyFixture.problem(m.post("/v1/package-purchases/" + purchase + "/redemptions", Map.of("bookingId", b3)), 422);
    assertThat(none.get("code")).isEqualTo("no-sessions-left");
    UUID strangers = catalog.book(catalog.provider(), CatalogFixture.nextWeekAt(16, 0));
    MoneyFixture.problem(m.post("/v1/package-purchases/" + purchase + "/redemptions", Map.of("bookingId", strangers)), 422);

    UUID membership = UUID.fromString((String) memberships.get(0).get("id"));
    assertThat(m.ok("/v1/memberships/" + membership + "/end", Map.of("reason", "moved away")).get("status")).isEqualTo("ENDED");
    MoneyFixture.problem(m.post("/v1/memberships/" + membership + "/end", Map.of()), 409);

    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    EventCodec codec = new EventCodec();
    List<String> types = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.PAYMENTS, r -> tenant.id().toString().equals(TopicReader.header(r, "ce_tenantid")))
            .stream().map(r -> codec.decode(r.value())).map(EventEnvelope::type).toList(),
        list -> list.contains("MembershipEnded") && list.stream().filter("PackageSessionRedeemed"::equals).count() == 2);
    assertThat(types).contains("PackagePurchased", "MembershipStarted", "GiftCardRedeemed");
    assertThat(types.stream().filter("GiftCardIssued"::equals).count()).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGiftCardNeverGoesBelowZeroAndItsBalanceIsItsLedger() {
    MoneyFixture m = new MoneyFixture(http);
    Map<String, Object> card = m.giftCard(3_000);
    String code = (String) card.get("code");
    assertThat(code).matches("GC(-[0-9A-HJKMNP-TV-Z]{4}){5}");
    assertThat(m.get("/v1/gift-cards/" + card.get("id"))).doesNotContainKey("code").containsEntry("last4", code.substring(code.length() - 4));
    // Only the SHA-256 of the normalised code is stored.
    assertThat(sql.count("SELECT count(*) FROM gift_cards WHERE id = ?::uuid AND code_hash = sha256(convert_to(?, 'UTF8'))",
        card.get("id"), code.substring(3).replace("-", ""))).isEqualTo(1);

    UUID invoice = m.openInvoice(5_000);
    Map<String, Object> short_ = MoneyFixture.problem(m.post("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 3_001, "giftCardCode", code)), 422);
    assertThat(short_.get("code")).isEqualTo("gift-card-insufficient");
    Map<String, Object> paid = m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "GIFT_CARD", "amount", 3_000, "giftCardCode", code));
    MoneyFixture.problem(m.post("/v1/gift-cards/" + card.get("id") + "/adjustments", Map.of("amount", -1, "note", "typo")), 422);
    m.created("/v1/payments/" + paid.get("id") + "/refunds", Map.of("amount", 1_200, "reason", "returned serum"));
    m.ok("/v1/gift-cards/" + card.get("id") + "/adjustments", Map.of("amount", -200, "note", "correction"));
    Map<String, Object> after = m.get("/v1/gift-cards/" + card.get("id"));
    assertThat(num(after, "balance")).isEqualTo(1_000);
    List<Map<String, Object>> ledger = (List<Map<String, Object>>) m.get("/v1/gift-cards/" + card.get("id") + "/ledger").get("items");
    assertThat(ledger).extracting(e -> e.get("kind")).containsExactly("ISSUE", "REDEEM", "REFUND", "ADJUST");
    assertThat(ledger.stream().mapToLong(e -> num(e, "amount")).sum()).isEqualTo(1_000);
    assertThatThrownBy(() -> sql.update("UPDATE gift_cards SET balance = -1 WHERE id = ?::uuid", card.get("id")))
        .hasMessageContaining("check constraint");
  }

  @Test
  void voidingAnInvoiceGivesItsCouponRedemptionBack() {
    MoneyFixture m = new MoneyFixture(http);
    Map<String, Object> coupon = m.created("/v1/coupons", Map.of("code", "ONCE", "amountOff", 500, "currency", "USD", "maxRedemptions", 1));
    UUID first = m.draft(m.customerId, "USD", List.of(line("PRODUCT", "Cream", 1, 2_000, null, null)), "once");
    Map<String, Object> exhausted = MoneyFixture.problem(m.post("/v1/invoices", Map.of("customerId", m.customerId, "currency", "USD",
        "lineItems", List.of(line("PRODUCT", "Cream", 1, 2_000, null, null)), "couponCode", "ONCE")), 422);
    assertThat(exhausted.get("code")).isEqualTo("coupon-exhausted");
    assertThat(m.ok("/v1/invoices/" + first + "/void", Map.of("reason", "wrong item")).get("status")).isEqualTo("VOID");
    assertThat(num(m.get("/v1/coupons/" + coupon.get("id")), "redemptions")).isZero();
    UUID second = m.draft(m.customerId, "USD", List.of(line("PRODUCT", "Cream", 1, 2_000, null, null)), "ONCE");
    assertThat(num(m.get("/v1/invoices/" + second), "discount")).isEqualTo(500);
    MoneyFixture.problem(m.post("/v1/invoices/" + first + "/payments", Map.of("method", "CASH", "amount", 100)), 409);
    MoneyFixture.problem(m.post("/v1/invoices/" + first + "/finalize", null), 409);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) m.get("/v1/invoices?customerId=" + m.customerId).get("items");
    assertThat(listed).extracting(i -> i.get("id")).containsExactly(first.toString(), second.toString());
    assertThat(listed).extracting(i -> i.get("status")).containsExactly("VOID", "DRAFT");
    assertThat(listed).allSatisfy(i -> assertThat((List<?>) i.get("lineItems")).hasSize(1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMembershipEndsWhenItsPaidPeriodIsOver() {
    MoneyFixture m = new MoneyFixture(http);
    UUID tier = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Annual", "priceAmount", 50_000,
        "currency", "USD", "period", "YEAR")).get("id"));
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("MEMBERSHIP", "Annual", 1, 50_000, null, tier)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    m.pay(invoice, "EXTERNAL", 50_000);
    Map<String, Object> membership = ((List<Map<String, Object>>) m.get("/v1/memberships?customerId=" + m.customerId).get("items")).get(0);
    assertThat(membership.get("period")).isEqualTo("YEAR");
    sql.update("UPDATE memberships SET starts_at = now() - interval '1 year', ends_at = now() - interval '1 second' WHERE id = ?::uuid",
        membership.get("id"));

    await().atMost(Duration.ofSeconds(10)).until(() -> "ENDED".equals(m.get("/v1/memberships/" + membership.get("id")).get("status")));
    Map<String, Object> ended = m.get("/v1/memberships/" + membership.get("id"));
    assertThat(ended.get("endedAt")).isEqualTo(ended.get("endsAt"));
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'MembershipEnded'", membership.get("id")))
        .isEqualTo(1);
  }

  private UUID book(MoneyFixture m, CatalogFixture catalog, int hour) {
    return UUID.fromString((String) m.created("/v1/bookings", Map.of("serviceId", catalog.serviceId, "providerId", catalog.provider(),
        "customerId", m.customerId, "start", CatalogFixture.nextWeekAt(hour, 0).toString())).get("id"));
  }
}
