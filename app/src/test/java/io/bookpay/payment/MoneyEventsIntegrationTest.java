package io.bookpay.payment;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every money movement is on the wire: gift-card adjustments and refunds to a card, voids, and amounts per line kind. */
class MoneyEventsIntegrationTest extends IntegrationTest {

  private static final String PAYLOAD = "SELECT envelope->>'type' AS type, envelope->>'payload' AS payload,"
      + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->'byLineKind'->>'SERVICE' AS service,"
      + " coalesce(envelope->'payload'->'payment', envelope->'payload'->'refund')->'byLineKind'->>'PRODUCT' AS product"
      + " FROM outbox WHERE aggregate_id = ? ORDER BY id";

  @Test
  void anAdjustmentPublishesGiftCardAdjustedInItsTransactionAndAnAdjustmentRefusedPublishesNothing() {
    MoneyFixture m = new MoneyFixture(http);
    UUID card = UUID.fromString((String) m.giftCard(10_000).get("id"));
    assertThat(num(m.ok("/v1/gift-cards/" + card + "/adjustments", Map.of("amount", -1_500, "note", "damaged card")), "balance"))
        .isEqualTo(8_500);
    MoneyFixture.problem(m.post("/v1/gift-cards/" + card + "/adjustments", Map.of("amount", -9_000, "note", "too much")), 422);
    m.ok("/v1/gift-cards/" + card + "/adjustments", Map.of("amount", 500, "note", "goodwill"));

    List<Map<String, Object>> events = sql.rows(PAYLOAD, card);
    assertThat(events).extracting(r -> r.get("type")).containsExactly("GiftCardIssued", "GiftCardAdjusted", "GiftCardAdjusted");
    assertThat(String.valueOf(events.get(1).get("payload"))).contains("\"amount\":-1500", "\"balance\":8500", "\"currency\":\"USD\"")
        .doesNotContain("damaged");
    assertThat(String.valueOf(events.get(2).get("payload"))).contains("\"amount\":500", "\"balance\":9000");

    // And on Kafka, keyed by the card.
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.PAYMENTS, r -> card.toString().equals(r.key())), found -> found.size() == 3);
    EventEnvelope adjusted = new EventCodec().decode(records.get(1).value());
    assertThat(adjusted.type()).isEqualTo("GiftCardAdjusted");
    assertThat(adjusted.payload()).isEqualTo(new GiftCardAdjusted(card, -1_500, 8_500, "USD"));
  }

  @Test
  void paymentsAndRefundsCarryTheirAmountPerLineKindAndARefundToACardPublishesGiftCardRefunded() {
    MoneyFixture m = new MoneyFixture(http);
    // Three lines of 1,000: SERVICE, PRODUCT, SERVICE.
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("SERVICE", "Facial", 1, 1_000, null, null),
        line("PRODUCT", "Serum", 1, 1_000, null, null), line("SERVICE", "Massage", 1, 1_000, null, null)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    Map<String, Object> card = m.giftCard(5_000);
    UUID cardId = UUID.fromString((String) card.get("id"));

    // 100 cash: 34, 33, 33 (the leftover cent to the earlier line).
    m.pay(invoice, "CASH", 100);
    // 2,900 from the card: 966.67 each → 967, 967, 966.
    String byCard = (String) m.created("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 2_900, "giftCardCode", card.get("code"))).get("id");
    // 1,000 back on the card: 333.33 each → 334, 333, 333.
    String refund = (String) m.created("/v1/payments/" + byCard + "/refunds", Map.of("amount", 1_000)).get("id");

    List<Map<String, Object>> events = sql.rows(PAYLOAD, invoice);
    assertThat(events).extracting(r -> r.get("type"))
        .containsExactly("InvoiceIssued", "PaymentSucceeded", "PaymentSucceeded", "InvoicePaid", "RefundSucceeded");
    assertThat(events.get(1)).containsEntry("service", "67").containsEntry("product", "33");
    assertThat(events.get(2)).containsEntry("service", "1933").containsEntry("product", "967");
    assertThat(events.get(4)).containsEntry("service", "667").containsEntry("product", "333");
    assertThat(events.get(4).get("payload")).asString().contains("\"lineItemKinds\":[\"SERVICE\",\"PRODUCT\"]");

    List<Map<String, Object>> cardEvents = sql.rows(PAYLOAD, cardId);
    assertThat(cardEvents).extracting(r -> r.get("type")).containsExactly("GiftCardIssued", "GiftCardRedeemed", "GiftCardRefunded");
    assertThat(String.valueOf(cardEvents.get(2).get("payload"))).contains("\"amount\":1000", "\"balance\":3100",
        "\"currency\":\"USD\"", "\"refundId\":\"" + refund + "\"", "\"paymentId\":\"" + byCard + "\"",
        "\"invoiceId\":\"" + invoice + "\"");
    assertThat(num(m.get("/v1/gift-cards/" + cardId), "balance")).isEqualTo(3_100);
  }

  @Test
  void aVoidPublishesInvoiceVoided() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(4_000);
    m.ok("/v1/invoices/" + invoice + "/void", Map.of("reason", "entered twice"));
    List<Map<String, Object>> events = sql.rows(PAYLOAD, invoice);
    assertThat(events).extracting(r -> r.get("type")).containsExactly("InvoiceIssued", "InvoiceVoided");
    assertThat(String.valueOf(events.get(1).get("payload"))).contains("\"total\":4000");
  }
}
