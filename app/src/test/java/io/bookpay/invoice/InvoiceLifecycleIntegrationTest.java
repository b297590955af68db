package io.bookpay.invoice;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.payment.PaymentService;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InvoiceLifecycleIntegrationTest extends IntegrationTest {

  @Autowired PaymentService paymentService;

  @Test
  void anInvoiceIsPricedFinalizedPaidAndRefundedWithEveryAmountConsistent() {
    MoneyFixture m = new MoneyFixture(http);
    m.created("/v1/coupons", Map.of("code", "spring10", "percentOff", 10));
    UUID id = m.draft(m.customerId, "USD", List.of(
        line("SERVICE", "Facial", 1, 10_000, "8.875", null),
        line("PRODUCT", "Serum", 3, 3_333, null, null)), "SPRING10");

    Map<String, Object> draft = m.get("/v1/invoices/" + id);
    assertThat(draft.get("status")).isEqualTo("DRAFT");
    // subtotal 19,999; 10 % off = 2,000 spread 1,000 / 1,000 (by amount); tax 8.875 % of 9,000 = 798.75 -> 799
    assertThat(num(draft, "subtotal")).isEqualTo(19_999);
    assertThat(num(draft, "discount")).isEqualTo(2_000);
    assertThat(num(draft, "tax")).isEqualTo(799);
    assertThat(num(draft, "total")).isEqualTo(18_798);
    assertThat(num(draft, "balanceDue")).isEqualTo(18_798);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) draft.get("lineItems");
    assertThat(lines).extracting(l -> num(l, "discount")).containsExactly(1_000L, 1_000L);
    assertThat(lines).extracting(l -> num(l, "amount")).containsExactly(10_000L, 9_999L);

    MoneyFixture.problem(m.post("/v1/invoices/" + id + "/payments", Map.of("method", "CASH", "amount", 100)), 409);
    Map<String, Object> open = m.ok("/v1/invoices/" + id + "/finalize", null);
    assertThat(open.get("status")).isEqualTo("OPEN");

    Map<String, Object> cash = m.pay(id, "CASH", 8_798);
    assertThat(cash.get("status")).isEqualTo("SUCCEEDED");
    Map<String, Object> card = m.pay(id, "CARD", 10_000);
    assertThat(card.get("status")).isEqualTo("PENDING");
    assertThat((String) card.get("gatewayReference")).startsWith("pi_sim_");
    Map<String, Object> pending = m.get("/v1/invoices/" + id);
    assertThat(num(pending, "amountPaid")).isEqualTo(8_798);
    assertThat(num(pending, "amountPending")).isEqualTo(10_000);
    // The pending card payment holds its share of the balance.
    Map<String, Object> over = MoneyFixture.problem(m.post("/v1/invoices/" + id + "/payments", Map.of("method", "CASH", "amount", 1)), 422);
    assertThat(over.get("code")).isEqualTo("amount-exceeds-balance");

    UUID cardId = UUID.fromString((String) card.get("id"));
    paymentService.settleCharge(m.tenant.id(), cardId, true, null, null).block();
    paymentService.settleCharge(m.tenant.id(), cardId, true, null, null).block(); // a repeated confirmation changes nothing
    Map<String, Object> paid = m.get("/v1/invoices/" + id);
    assertThat(paid.get("status")).isEqualTo("PAID");
    assertThat(num(paid, "amountPaid")).isEqualTo(18_798);
    assertThat(num(paid, "amountPending")).isZero();
    assertThat(num(paid, "balanceDue")).isZero();
    assertThat(paid.get("refundStatus")).isEqualTo("NONE");

    m.created("/v1/payments/" + cash.get("id") + "/refunds", Map.of("amount", 798, "reason", "goodwill"));
    Map<String, Object> partly = m.get("/v1/invoices/" + id);
    assertThat(partly.get("status")).isEqualTo("PAID");
    assertThat(partly.get("refundStatus")).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(num(partly, "amountRefunded")).isEqualTo(798);
    assertThat(num(partly, "balanceDue")).isZero();

    Map<String, Object> cardRefund = m.created("/v1/payments/" + cardId + "/refunds", Map.of("amount", 10_000));
    assertThat(cardRefund.get("status")).isEqualTo("PENDING");
    paymentService.settleRefund(m.tenant.id(), UUID.fromString((String) cardRefund.get("id")), true, null, null).block();
    m.created("/v1/payments/" + cash.get("id") + "/refunds", Map.of("amount", 8_000));
    Map<String, Object> refunded = m.get("/v1/invoices/" + id);
    assertThat(refunded.get("status")).isEqualTo("PAID");
    assertThat(refunded.get("refundStatus")).isEqualTo("REFUNDED");
    assertThat(num(refunded, "amountRefunded")).isEqualTo(18_798);
    MoneyFixture.problem(m.post("/v1/payments/" + cash.get("id") + "/refunds", Map.of("amount", 1)), 422);

    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    EventCodec codec = new EventCodec();
    List<String> types = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.PAYMENTS, r -> id.toString().equals(r.key()))
            .stream().map(r -> codec.decode(r.value())).map(EventEnvelope::type).toList(),
        list -> list.size() >= 8);
    assertThat(types).containsExactly("CouponRedeemed", "InvoiceIssued", "PaymentSucceeded", "PaymentSucceeded", "InvoicePaid",
        "RefundSucceeded", "RefundSucceeded", "RefundSucceeded");
  }

  @Test
  void aFailedCardPaymentReleasesItsShareOfTheBalance() {
    MoneyFixture m = new MoneyFixture(http);
    UUID id = m.openInvoice(5_000);
    UUID card = UUID.fromString((String) m.pay(id, "CARD", 5_000).get("id"));
    paymentService.settleCharge(m.tenant.id(), card, false, null, "card_declined").block();
    Map<String, Object> payment = m.get("/v1/payments/" + card);
    assertThat(payment.get("status")).isEqualTo("FAILED");
    assertThat(payment.get("failureReason")).isEqualTo("card_declined");
    Map<String, Object> invoice = m.get("/v1/invoices/" + id);
    assertThat(num(invoice, "amountPending")).isZero();
    assertThat(num(invoice, "balanceDue")).isEqualTo(5_000);
    MoneyFixture.problem(m.post("/v1/payments/" + card + "/refunds", Map.of("amount", 1)), 409);
    assertThat(m.pay(id, "EXTERNAL", 5_000).get("status")).isEqualTo("SUCCEEDED");
    assertThat(m.get("/v1/invoices/" + id).get("status")).isEqualTo("PAID");
  }

  @Test
  void aBookingIsInvoicedOnceAtItsPrice() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID booking = catalog.book(catalog.provider(), CatalogFixture.nextWeekAt(10, 0));
    MoneyFixture m = new MoneyFixture(http, tenant);
    Map<String, Object> invoice = m.created("/v1/bookings/" + booking + "/invoice", Map.of("taxRate", 20));
    assertThat(invoice.get("bookingId")).isEqualTo(booking.toString());
    assertThat(invoice.get("status")).isEqualTo("DRAFT");
    assertThat(invoice.get("currency")).isEqualTo("EUR");
    assertThat(num(invoice, "subtotal")).isEqualTo(12_500);
    assertThat(num(invoice, "tax")).isEqualTo(2_500);
    assertThat(num(invoice, "total")).isEqualTo(15_000);
    Map<String, Object> again = MoneyFixture.problem(m.post("/v1/bookings/" + booking + "/invoice", Map.of()), 409);
    assertThat(again.get("invoiceId")).isEqualTo(invoice.get("id"));

    m.ok("/v1/bookings/" + booking + "/cancel", Map.of());
    UUID other = catalog.book(catalog.provider(), CatalogFixture.nextWeekAt(12, 0));
    m.ok("/v1/bookings/" + other + "/cancel", Map.of());
    MoneyFixture.problem(m.post("/v1/bookings/" + other + "/invoice", null), 409);
    MoneyFixture.problem(m.post("/v1/bookings/" + UUID.randomUUID() + "/invoice", null), 404);
  }
}
