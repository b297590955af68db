package io.bookpay.payment;

import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** A PENDING card payment can be canceled; money the processor takes after that goes back, never onto the invoice. */
class CardCancelIntegrationTest extends IntegrationTest {

  @Test
  void aPendingCardPaymentIsCanceledAndNoLongerBlocksTheBalance() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(5_000);
    // No webhook secret: the processor's confirmation never arrives, the payment stays PENDING.
    String card = (String) m.pay(invoice, "CARD", 5_000).get("id");
    assertThat(MoneyFixture.problem(m.post("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", 5_000)), 422)
        .get("code")).isEqualTo("amount-exceeds-balance");

    Map<String, Object> canceled = m.ok("/v1/payments/" + card + "/cancel", null);
    assertThat(canceled.get("status")).isEqualTo("CANCELED");
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPending")).isZero();
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY id", invoice))
        .extracting(r -> r.get("event_type")).containsExactly("InvoiceIssued", "PaymentCanceled");

    Map<String, Object> again = MoneyFixture.problem(m.post("/v1/payments/" + card + "/cancel", null), 409);
    assertThat(again.get("type")).asString().endsWith("/invalid-transition");
    assertThat(again.get("status")).isEqualTo(409);
    m.pay(invoice, "CASH", 5_000);
    assertThat(m.get("/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");
    assertThat(MoneyFixture.problem(m.post("/v1/payments/" + card + "/refunds", Map.of("amount", 100)), 409).get("detail"))
        .asString().contains("CANCELED");
  }

  @Test
  void onlyPendingPaymentsCanBeCanceledAndOnlyWithBillingWrite() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(5_000);
    String cash = (String) m.pay(invoice, "CASH", 1_000).get("id");
    MoneyFixture.problem(m.post("/v1/payments/" + cash + "/cancel", null), 409);
    assertThat(m.get("/v1/payments/" + cash).get("status")).isEqualTo("SUCCEEDED");
    MoneyFixture.problem(m.post("/v1/payments/" + UUID.randomUUID() + "/cancel", null), 404);

    String card = (String) m.pay(invoice, "CARD", 1_000).get("id");
    Map<?, ?> readOnly = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "front desk", "scopes", List.of("billing:read")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    http.post().uri("/v1/payments/" + card + "/cancel").header(HttpHeaders.AUTHORIZATION, "Bearer " + readOnly.get("key"))
        .exchange().expectStatus().isForbidden();
    assertThat(m.get("/v1/payments/" + card).get("status")).isEqualTo("PENDING");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCaptureAfterTheCancelIsRecordedAndRefundedOnceNeverCountedOnTheInvoice() {
    MoneyFixture m = new MoneyFixture(http);
    String secret = (String) m.created("/v1/webhooks/secrets", Map.of()).get("secret");
    SignedStripeEvents stripe = new SignedStripeEvents(http, m.tenant.id(), secret);
    UUID invoice = m.openInvoice(5_000);
    Map<String, Object> card = m.pay(invoice, "CARD", 5_000);
    String intent = (String) card.get("gatewayReference");
    m.ok("/v1/payments/" + card.get("id") + "/cancel", null);
    m.pay(invoice, "CASH", 5_000);

    stripe.intentSucceeded(intent, 5_000);
    Map<String, Object> refund = await().atMost(Duration.ofSeconds(15)).until(() -> {
      List<Map<String, Object>> items = (List<Map<String, Object>>) m.get("/v1/payments/" + card.get("id") + "/refunds").get("items");
      return items.size() == 1 && items.get(0).get("gatewayReference") != null ? items.get(0) : null;
    }, r -> r != null);
    assertThat(num(refund, "amount")).isEqualTo(5_000);
    assertThat(refund.get("status")).isEqualTo("PENDING");
    Map<String, Object> payment = m.get("/v1/payments/" + card.get("id"));
    assertThat(payment.get("status")).isEqualTo("CANCELED");
    assertThat(payment.get("capturedAfterCancelAt")).isNotNull();

    stripe.intentSucceeded(intent, 5_000); // told twice: still one refund
    stripe.refundUpdated((String) refund.get("gatewayReference"), intent, 5_000, "succeeded");
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/refunds/" + refund.get("id")).get("status")));
    await().atMost(Duration.ofSeconds(15)).until(
        () -> sql.count("SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND status = 'PROCESSED'", m.tenant.id()) == 3);
    assertThat(num(m.get("/v1/payments/" + card.get("id")), "amountRefunded")).isEqualTo(5_000);
    assertThat((List<?>) m.get("/v1/payments/" + card.get("id") + "/refunds").get("items")).hasSize(1);
    Map<String, Object> settled = m.get("/v1/invoices/" + invoice);
    assertThat(settled.get("status")).isEqualTo("PAID");
    assertThat(num(settled, "amountPaid")).isEqualTo(5_000);
    assertThat(num(settled, "amountRefunded")).isZero();
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY id", invoice))
        .extracting(r -> r.get("event_type"))
        .containsExactly("InvoiceIssued", "PaymentCanceled", "PaymentSucceeded", "InvoicePaid", "PaymentCapturedAfterCancel",
            "CapturedAfterCancelRefunded");
    // The late capture and its refund are on the wire with their amounts, per line kind too.
    List<Map<String, Object>> late = sql.rows("SELECT envelope->'payload'->>'refundId' AS refund,"
        + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->>'amount' AS amount,"
        + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->'byLineKind'->>'PRODUCT' AS product"
        + " FROM outbox WHERE aggregate_id = ? AND envelope->>'type' IN ('PaymentCapturedAfterCancel', 'CapturedAfterCancelRefunded')"
        + " ORDER BY id", invoice);
    assertThat(late).allSatisfy(r -> assertThat(r).containsEntry("refund", refund.get("id")).containsEntry("amount", "5000")
        .containsEntry("product", "5000"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedRefundOfACaptureAfterTheCancelIsOnTheWireToo() {
    MoneyFixture m = new MoneyFixture(http);
    String secret = (String) m.created("/v1/webhooks/secrets", Map.of()).get("secret");
    SignedStripeEvents stripe = new SignedStripeEvents(http, m.tenant.id(), secret);
    UUID invoice = m.openInvoice(3_000);
    Map<String, Object> card = m.pay(invoice, "CARD", 3_000);
    String intent = (String) card.get("gatewayReference");
    m.ok("/v1/payments/" + card.get("id") + "/cancel", null);

    stripe.intentSucceeded(intent, 3_000);
    Map<String, Object> refund = await().atMost(Duration.ofSeconds(15)).until(() -> {
      List<Map<String, Object>> items = (List<Map<String, Object>>) m.get("/v1/payments/" + card.get("id") + "/refunds").get("items");
      return items.size() == 1 && items.get(0).get("gatewayReference") != null ? items.get(0) : null;
    }, r -> r != null);
    stripe.refundUpdated((String) refund.get("gatewayReference"), intent, 3_000, "failed");
    await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(m.get("/v1/refunds/" + refund.get("id")).get("status")));

    assertThat(sql.rows("SELECT envelope->>'type' AS type, envelope->'payload'->'refund'->>'amount' AS amount,"
        + " envelope->'payload'->>'refundId' AS refund FROM outbox WHERE aggregate_id = ? AND envelope->>'type' LIKE 'CapturedAfterCancel%'",
        invoice)).singleElement().satisfies(r -> assertThat(r).containsEntry("type", "CapturedAfterCancelRefundFailed")
            .containsEntry("amount", "3000").containsEntry("refund", refund.get("id")));
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPaid")).isZero();
  }

  @Test
  void theApiDescriptionShowsTheCancelRouteAndTheNewFields() {
    http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.paths['/v1/payments/{id}/cancel'].post.operationId").isEqualTo("cancelPayment")
        .jsonPath("$.paths['/v1/payments/{id}/cancel'].post.responses['409']").exists()
        .jsonPath("$.paths['/v1/payments/{id}/refunds'].post.description").value(d -> assertThat((String) d).contains("delivered-value-spent"))
        .jsonPath("$.components.schemas.Payment.properties.status.enum").value(e -> assertThat(String.valueOf(e)).contains("CANCELED"))
        .jsonPath("$.components.schemas.Payment.properties.capturedAfterCancelAt").exists()
        .jsonPath("$.components.schemas.Refund.properties.reversalShortfall.description").exists();
  }
}
