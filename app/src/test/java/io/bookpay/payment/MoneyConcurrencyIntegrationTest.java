package io.bookpay.payment;

import static io.bookpay.invoice.MoneyFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Money stays exact under concurrent payments, refunds, redemptions and coupon use. */
class MoneyConcurrencyIntegrationTest extends IntegrationTest {

  @Autowired PaymentService paymentService;

  record Answer(int status, Map<?, ?> body) {}

  private List<Answer> fire(int count, int concurrency, Function<Integer, Mono<Answer>> call) {
    return Flux.range(0, count).flatMap(call, concurrency).collectList().block(Duration.ofSeconds(120));
  }

  private Mono<Answer> post(WebClient client, MoneyFixture m, String path, Object body) {
    return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of())
            .map(b -> new Answer(response.statusCode().value(), b)));
  }

  private static long count(List<Answer> answers, int status) {
    return answers.stream().filter(a -> a.status() == status).count();
  }

  @Test
  void twentyConcurrentRefundsNeverRefundMoreThanThePayment() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(10_000);
    String payment = (String) m.pay(invoice, "CASH", 10_000).get("id");
    WebClient client = webClient(port);

    List<Answer> answers = fire(20, 20, i -> post(client, m, "/v1/payments/" + payment + "/refunds", Map.of("amount", 700)));

    // 20 × 700 = 14,000 asked for; 14 fit in 10,000.
    assertThat(count(answers, 201)).isEqualTo(14);
    assertThat(count(answers, 422)).isEqualTo(6);
    assertThat(answers).filteredOn(a -> a.status() == 422).allSatisfy(a -> assertThat(a.body().get("code")).isEqualTo("amount-exceeds-refundable"));
    assertThat(sql.count("SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = ?::uuid AND status = 'SUCCEEDED'", payment)).isEqualTo(9_800);
    assertThat(sql.count("SELECT amount_refunded FROM payments WHERE id = ?::uuid", payment)).isEqualTo(9_800);
    assertThat(sql.count("SELECT amount_refunded FROM invoices WHERE id = ?", invoice)).isEqualTo(9_800);
  }

  @Test
  void aCouponWithTenRedemptionsLeftDiscountsExactlyTenOfFiftyConcurrentInvoices() {
    MoneyFixture m = new MoneyFixture(http);
    m.created("/v1/coupons", Map.of("code", "TENOFF", "percentOff", 10, "maxRedemptions", 10));
    List<UUID> customers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      customers.add(m.newCustomer());
    }
    WebClient client = webClient(port);

    List<Answer> answers = fire(50, 50, i -> post(client, m, "/v1/invoices", Map.of("customerId", customers.get(i), "currency", "USD",
        "lineItems", List.of(line("SERVICE", "Peel", 1, 10_000, null, null)), "couponCode", "TENOFF")));

    assertThat(count(answers, 201)).isEqualTo(10);
    assertThat(answers).filteredOn(a -> a.status() == 201).allSatisfy(a -> assertThat(((Number) a.body().get("discount")).longValue()).isEqualTo(1_000));
    assertThat(count(answers, 422)).isEqualTo(40);
    assertThat(answers).filteredOn(a -> a.status() == 422).allSatisfy(a -> assertThat(a.body().get("code")).isEqualTo("coupon-exhausted"));
    assertThat(sql.count("SELECT redemptions FROM coupons WHERE tenant_id = ? AND code = 'TENOFF'", m.tenant.id())).isEqualTo(10);
    assertThat(sql.count("SELECT count(*) FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id WHERE c.tenant_id = ?", m.tenant.id())).isEqualTo(10);
    assertThat(sql.count("SELECT count(*) FROM invoices WHERE tenant_id = ?", m.tenant.id())).isEqualTo(10);
  }

  @Test
  void aCouponsPerCustomerLimitHoldsUnderConcurrency() {
    MoneyFixture m = new MoneyFixture(http);
    m.created("/v1/coupons", Map.of("code", "TWICE", "amountOff", 300, "currency", "USD", "maxPerCustomer", 2));
    WebClient client = webClient(port);

    List<Answer> answers = fire(12, 12, i -> post(client, m, "/v1/invoices", Map.of("customerId", m.customerId, "currency", "USD",
        "lineItems", List.of(line("PRODUCT", "Mask", 1, 1_000, null, null)), "couponCode", "TWICE")));

    assertThat(count(answers, 201)).isEqualTo(2);
    assertThat(count(answers, 422)).isEqualTo(10);
    assertThat(answers).filteredOn(a -> a.status() == 422).allSatisfy(a -> assertThat(a.body().get("code")).isEqualTo("coupon-customer-limit"));
    assertThat(sql.count("SELECT redemptions FROM coupons WHERE tenant_id = ? AND code = 'TWICE'", m.tenant.id())).isEqualTo(2);
  }

  /**
   * After Jepsen's bank test: many concurrent payments (cash, card, gift card), card confirmations
   * and declines, and refunds across a few invoices and gift cards; then every invariant of the
   * books is checked against the rows.
   */
  @Test
  void theBooksBalanceAfterConcurrentPaymentsRefundsAndRedemptions() {
    MoneyFixture m = new MoneyFixture(http);
    List<UUID> invoices = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      invoices.add(m.openInvoice(40_000));
    }
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      codes.add((String) m.giftCard(25_000).get("code"));
    }
    Queue<String> succeeded = new ConcurrentLinkedQueue<>();
    WebClient client = webClient(port);

    List<Answer> answers = fire(300, 24, i -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      UUID invoice = invoices.get(random.nextInt(invoices.size()));
      long amount = 1 + random.nextInt(6_000);
      List<String> ids = new ArrayList<>(succeeded);
      int kind = random.nextInt(10);
      Mono<Answer> call;
      if (kind < 3 || ids.isEmpty()) {
        call = post(client, m, "/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", amount));
      } else if (kind < 5) {
        call = post(client, m, "/v1/invoices/" + invoice + "/payments",
            Map.of("method", "GIFT_CARD", "amount", amount, "giftCardCode", codes.get(random.nextInt(codes.size()))));
      } else if (kind < 7) {
        boolean confirm = random.nextInt(4) > 0;
        call = post(client, m, "/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", amount))
            .flatMap(a -> a.status() != 201 ? Mono.just(a)
                : paymentService.settleCharge(m.tenant.id(), UUID.fromString((String) a.body().get("id")), confirm, null,
                    confirm ? null : "card_declined").thenReturn(a));
      } else {
        call = post(client, m, "/v1/payments/" + ids.get(random.nextInt(ids.size())) + "/refunds", Map.of("amount", amount / 2 + 1));
      }
      return call.doOnNext(a -> {
        if (a.status() == 201 && "SUCCEEDED".equals(a.body().get("status")) && a.body().containsKey("method")) {
          succeeded.add((String) a.body().get("id"));
        }
      });
    });

    assertThat(answers).noneMatch(a -> a.status() >= 500);
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409, 422));
    assertThat(count(answers, 201)).isGreaterThan(100);
    UUID tenant = m.tenant.id();
    // Every invoice's amounts are the sums of its payments and refunds.
    assertThat(sql.rows("""
        SELECT i.id FROM invoices i
        WHERE i.tenant_id = ? AND (
          i.amount_paid <> (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'SUCCEEDED')
          OR i.amount_pending <> (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'PENDING')
          OR i.amount_refunded <> (SELECT coalesce(sum(amount), 0) FROM refunds r WHERE r.invoice_id = i.id AND r.status = 'SUCCEEDED')
          OR i.balance_due <> i.total - i.amount_paid OR i.balance_due < 0
          OR (i.status = 'PAID') <> (i.amount_paid = i.total))
        """, tenant)).isEmpty();
    // No payment refunded beyond its amount, and its refunded amount is the sum of its refunds.
    assertThat(sql.rows("""
        SELECT p.id FROM payments p
        WHERE p.tenant_id = ? AND (
          p.amount_refunded <> (SELECT coalesce(sum(amount), 0) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED')
          OR p.amount_refunded > p.amount)
        """, tenant)).isEmpty();
    // No gift card below zero; each balance is the sum of its ledger, whose redemptions and refunds match the payments.
    assertThat(sql.rows("""
        SELECT g.id FROM gift_cards g
        WHERE g.tenant_id = ? AND (
          g.balance < 0
          OR g.balance <> (SELECT coalesce(sum(amount), 0) FROM gift_card_ledger l WHERE l.gift_card_id = g.id)
          OR (SELECT coalesce(-sum(amount), 0) FROM gift_card_ledger l WHERE l.gift_card_id = g.id AND l.kind = 'REDEEM')
             <> (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.gift_card_id = g.id AND p.status = 'SUCCEEDED')
          OR (SELECT coalesce(sum(amount), 0) FROM gift_card_ledger l WHERE l.gift_card_id = g.id AND l.kind = 'REFUND')
             <> (SELECT coalesce(sum(r.amount), 0) FROM refunds r JOIN payments p ON p.id = r.payment_id
                 WHERE p.gift_card_id = g.id AND r.status = 'SUCCEEDED'))
        """, tenant)).isEmpty();
    // One event per settled payment and refund.
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'PaymentSucceeded'", tenant))
        .isEqualTo(sql.count("SELECT count(*) FROM payments WHERE tenant_id = ? AND status = 'SUCCEEDED'", tenant));
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'RefundSucceeded'", tenant))
        .isEqualTo(sql.count("SELECT count(*) FROM refunds WHERE tenant_id = ? AND status = 'SUCCEEDED'", tenant));
    assertThat(sql.count("SELECT count(*) FROM refunds WHERE tenant_id = ?", tenant)).isGreaterThan(10);
    assertThat(sql.count("SELECT count(*) FROM payments WHERE tenant_id = ? AND method = 'GIFT_CARD'", tenant)).isGreaterThan(5);
  }
}
