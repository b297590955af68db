package io.bookpay.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Stripe gateway against a local fake of Stripe's API (WireMock; stripe-java's API base points
 * at it, never at the network), on an app instance of its own with {@code bookpay.payments.gateway=stripe}.
 * Stripe's webhooks are delivered signed, as Stripe sends them, to settle what the gateway created.
 * The instance has its own topics and consumers, so its finance reports count what it published.
 */
class StripeGatewayIntegrationTest {

  private static final String SECRET_KEY = "rk_test_51Bookpay0000000000000000004xYz";
  private static final String PUBLISHABLE_KEY = "pk_test_51Bookpay00000000000000000000";

  private static WireMockServer stripe;
  private static AppInstance app;
  private static Sql sql;
  private static WebTestClient http;

  @BeforeAll
  static void start() {
    stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    stripe.start();
    TestInfrastructure infra = TestInfrastructure.get();
    String schema = infra.isolatedSchema("stripe");
    app = AppInstance.start(schema, infra.kafkaBootstrapServers(),
        "--bookpay.payments.gateway=stripe",
        // Its own topics and consumer groups, so its finance projection sees exactly its own events (the reports of a lost dispute).
        "--bookpay.kafka.consumers-enabled=true",
        "--bookpay.kafka.topic-prefix=stripe" + UUID.randomUUID().toString().substring(0, 8) + ".",
        "--bookpay.secrets.key=" + infra.webhookSecretKey(),
        "--bookpay.payments.stripe.api-base=http://127.0.0.1:" + stripe.port(),
        // Generous for a cold JVM on two cores; the timeout test's fake answers later than this.
        "--bookpay.payments.stripe.read-timeout=3s",
        "--bookpay.payments.stripe.retries=2",
        "--bookpay.payments.stripe.retry-backoff=50ms",
        "--bookpay.payments.reconciler.after=4s",
        "--bookpay.payments.reconciler.max-delay=1s",
        "--bookpay.payments.reconciler.interval=200ms",
        "--bookpay.webhooks.poll-interval=200ms",
        "--bookpay.webhooks.retry-base=100ms",
        "--bookpay.webhooks.retry-max=1s");
    sql = Sql.of(schema);
    http = app.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (stripe != null) {
      stripe.stop();
    }
  }

  @BeforeEach
  void resetFake() {
    stripe.resetAll();
  }

  /** A tenant connected to Stripe, with a webhook signing secret. */
  private record Clinic(MoneyFixture m, SignedStripeEvents events) {}

  private static Clinic connectedClinic() {
    MoneyFixture m = new MoneyFixture(http);
    put(m, Map.of("secretKey", SECRET_KEY, "publishableKey", PUBLISHABLE_KEY, "statementDescriptorSuffix", "LASER"))
        .expectStatus().isOk();
    String secret = (String) m.created("/v1/webhooks/secrets", Map.of()).get("secret");
    return new Clinic(m, new SignedStripeEvents(http, m.tenant.id(), secret));
  }

  private static WebTestClient.ResponseSpec put(MoneyFixture m, Map<String, Object> body) {
    return http.put().uri("/v1/payment-settings/stripe").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private static String intent(String id, String status, String extra) {
    return """
        {"id":"%s","object":"payment_intent","amount":5000,"currency":"usd","status":"%s","client_secret":"%s_secret_abc",
         "livemode":false,"metadata":{}%s}
        """.formatted(id, status, id, extra);
  }

  private static List<LoggedRequest> creates() {
    return stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
  }

  private static String form(LoggedRequest request) {
    return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
  }

  @Test
  void aClinicConnectsStripeAndSeesItsKeyOnlyAsAHint() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(5_000);
    assertThat(MoneyFixture.problem(m.post("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)), 422)
        .get("code")).isEqualTo("card-payments-not-configured");
    assertThat(MoneyFixture.problem(http.get().uri("/v1/payment-settings/stripe")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey()).exchange(), 404).get("code")).isEqualTo("stripe-not-connected");

    Map<String, Object> badMode = MoneyFixture.problem(put(m, Map.of("secretKey", SECRET_KEY, "publishableKey",
        "pk_live_51Bookpay00000000000000000000")), 400);
    assertThat(badMode.toString()).contains("publishableKey");
    MoneyFixture.problem(put(m, Map.of("secretKey", "pk_test_notasecret", "publishableKey", PUBLISHABLE_KEY)), 400);
    MoneyFixture.problem(put(m, Map.of("secretKey", SECRET_KEY, "publishableKey", PUBLISHABLE_KEY, "statementDescriptorSuffix",
        "12345")), 400);
    assertThat(sql.count("SELECT count(*) FROM stripe_accounts WHERE tenant_id = ?", m.tenant.id())).isZero();

    Map<String, Object> connected = MoneyFixture.body(put(m, Map.of("secretKey", SECRET_KEY, "publishableKey", PUBLISHABLE_KEY))
        .expectStatus().isOk());
    assertThat(connected).containsEntry("secretKeyHint", "…4xYz").containsEntry("publishableKey", PUBLISHABLE_KEY)
        .containsEntry("livemode", false).doesNotContainKey("secretKey");
    Map<String, Object> shown = m.get("/v1/payment-settings/stripe");
    assertThat(shown.toString()).doesNotContain(SECRET_KEY).contains("…4xYz");
    // The key rests encrypted: its text is nowhere in the row.
    assertThat(sql.count("SELECT count(*) FROM stripe_accounts WHERE tenant_id = ? AND position(convert_to(?, 'UTF8') IN"
        + " secret_key_ciphertext) = 0", m.tenant.id(), SECRET_KEY)).isEqualTo(1);

    // Another tenant neither sees nor removes it; a key without billing:write cannot change it.
    MoneyFixture other = new MoneyFixture(http);
    MoneyFixture.problem(http.get().uri("/v1/payment-settings/stripe").header(HttpHeaders.AUTHORIZATION, "Bearer " + other.tenant.apiKey())
        .exchange(), 404);
    MoneyFixture.problem(http.delete().uri("/v1/payment-settings/stripe")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + other.tenant.apiKey()).exchange(), 404);
    Map<?, ?> readOnly = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "front desk", "scopes", List.of("billing:read")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    http.put().uri("/v1/payment-settings/stripe").header(HttpHeaders.AUTHORIZATION, "Bearer " + readOnly.get("key"))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("secretKey", SECRET_KEY, "publishableKey", PUBLISHABLE_KEY))
        .exchange().expectStatus().isForbidden();
    http.delete().uri("/v1/payment-settings/stripe").header(HttpHeaders.AUTHORIZATION, "Bearer " + readOnly.get("key"))
        .exchange().expectStatus().isForbidden();
    assertThat(m.get("/v1/payment-settings/stripe")).containsEntry("secretKeyHint", "…4xYz");

    http.delete().uri("/v1/payment-settings/stripe").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    assertThat(MoneyFixture.problem(m.post("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)), 422)
        .get("code")).isEqualTo("card-payments-not-configured");
    assertThat(creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCardPaymentCreatesOneIntentAndItsWebhookSettlesItThenARefundDoesTheSame() {
    Clinic clinic = connectedClinic();
    MoneyFixture m = clinic.m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_e2e", "requires_payment_method", ""))));
    UUID invoice = m.openInvoice(5_000);

    Map<String, Object> payment = MoneyFixture.body(m.post("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "CARD", "amount", 5_000), "pay-once").expectStatus().isCreated());
    assertThat(payment).containsEntry("status", "PENDING").containsEntry("gatewayReference", "pi_e2e")
        .containsEntry("clientSecret", "pi_e2e_secret_abc").containsEntry("publishableKey", PUBLISHABLE_KEY);
    String paymentId = (String) payment.get("id");

    LoggedRequest created = creates().get(0);
    assertThat(created.getHeader("Idempotency-Key")).isEqualTo("bookpay-payment-" + paymentId);
    assertThat(created.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    assertThat(form(created)).contains("amount=5000", "currency=usd", "metadata[bookpay_payment_id]=" + paymentId,
        "metadata[bookpay_invoice_id]=" + invoice, "statement_descriptor_suffix=LASER").doesNotContain("statement_descriptor=");

    // An idempotent replay says what was created, without the client secret; Stripe is not asked again.
    Map<String, Object> replay = MoneyFixture.body(m.post("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "CARD", "amount", 5_000), "pay-once").expectStatus().isCreated());
    assertThat(replay.get("id")).isEqualTo(paymentId);
    assertThat(replay.get("clientSecret")).isNull();
    assertThat(m.get("/v1/payments/" + paymentId)).doesNotContainKey("clientSecret");
    assertThat(creates()).hasSize(1);

    clinic.events().intentSucceeded("pi_e2e", 5_000);
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/payments/" + paymentId).get("status")));
    assertThat(m.get("/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");

    stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(okJson("""
        {"id":"re_e2e","object":"refund","amount":2000,"currency":"usd","payment_intent":"pi_e2e","status":"pending"}
        """)));
    Map<String, Object> refund = m.created("/v1/payments/" + paymentId + "/refunds", Map.of("amount", 2_000));
    assertThat(refund).containsEntry("status", "PENDING").containsEntry("gatewayReference", "re_e2e");
    LoggedRequest refundCall = stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))).get(0);
    assertThat(refundCall.getHeader("Idempotency-Key")).isEqualTo("bookpay-refund-" + refund.get("id"));
    assertThat(form(refundCall)).contains("payment_intent=pi_e2e", "amount=2000", "metadata[bookpay_refund_id]=" + refund.get("id"));

    clinic.events().refundUpdated("re_e2e", "pi_e2e", 2_000, "succeeded");
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/refunds/" + refund.get("id")).get("status")));
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountRefunded")).isEqualTo(2_000);
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY id", invoice)).extracting(r -> r.get("event_type"))
        .containsExactly("InvoiceIssued", "PaymentSucceeded", "InvoicePaid", "RefundSucceeded");
    assertThat(sql.count("SELECT count(*) FROM gateway_checks WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(app.bean(MeterRegistry.class).get("bookpay.stripe.calls").tags("operation", "create_payment_intent", "result", "ok")
        .timer().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aTimeoutIsRetriedWithTheSameIdempotencyKeyAndMakesOneCharge() {
    MoneyFixture m = connectedClinic().m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(intent("pi_slow", "requires_payment_method", "")).withFixedDelay(5_000)).willSetStateTo("answered"));
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("slow").whenScenarioStateIs("answered")
        .willReturn(okJson(intent("pi_slow", "requires_payment_method", ""))));
    UUID invoice = m.openInvoice(5_000);

    Map<String, Object> payment = m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000));
    assertThat(payment).containsEntry("status", "PENDING").containsEntry("gatewayReference", "pi_slow")
        .containsEntry("clientSecret", "pi_slow_secret_abc");
    List<LoggedRequest> calls = creates();
    assertThat(calls).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("bookpay-payment-" + payment.get("id"));
    assertThat(sql.count("SELECT count(*) FROM gateway_checks WHERE payment_id = ?", UUID.fromString((String) payment.get("id"))))
        .isZero();
  }

  @Test
  void aDeclinedCardIsFailedWithTheDeclineCodeAndAMessageAFrontDeskCanRead() {
    MoneyFixture m = connectedClinic().m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
        .withHeader("Content-Type", "application/json").withBody("""
            {"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
              "message":"Your card has insufficient funds.",
              "payment_intent":{"id":"pi_declined","object":"payment_intent","status":"requires_payment_method",
                "client_secret":"pi_declined_secret_abc"}}}
            """)));
    UUID invoice = m.openInvoice(5_000);

    Map<String, Object> payment = m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000));
    assertThat(payment).containsEntry("status", "FAILED").containsEntry("failureCode", "insufficient_funds")
        .containsEntry("failureMessage", "Your card has insufficient funds.").containsEntry("gatewayReference", "pi_declined");
    assertThat(creates()).hasSize(1); // a decline is an answer: never repeated
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPending")).isZero();
    assertThat(m.get("/v1/payments/" + payment.get("id"))).containsEntry("failureCode", "insufficient_funds");
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY id", invoice)).extracting(r -> r.get("event_type"))
        .containsExactly("InvoiceIssued", "PaymentFailed");
  }

  @Test
  void aDeclineReportedByWebhookCarriesItsDeclineCode() {
    Clinic clinic = connectedClinic();
    MoneyFixture m = clinic.m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_hook_declined", "requires_payment_method", ""))));
    UUID invoice = m.openInvoice(5_000);
    String payment = (String) m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)).get("id");

    clinic.events().intentFailed("pi_hook_declined", "stolen_card", "Your card was declined.");
    await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(m.get("/v1/payments/" + payment).get("status")));
    assertThat(m.get("/v1/payments/" + payment)).containsEntry("failureCode", "stolen_card")
        .containsEntry("failureMessage", "Your card was declined.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCardAskingFor3DSecureStaysPendingWithItsNextAction() {
    MoneyFixture m = connectedClinic().m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_3ds", "requires_action",
        ",\"next_action\":{\"type\":\"redirect_to_url\",\"redirect_to_url\":{\"url\":\"https://hooks.stripe.com/3d_secure/x\","
            + "\"return_url\":\"https://clinic.example/back\"}}"))));
    UUID invoice = m.openInvoice(5_000);

    Map<String, Object> payment = m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000));
    assertThat(payment).containsEntry("status", "PENDING").containsEntry("clientSecret", "pi_3ds_secret_abc");
    assertThat((Map<String, Object>) payment.get("nextAction")).containsEntry("type", "redirect_to_url")
        .containsEntry("redirectUrl", "https://hooks.stripe.com/3d_secure/x");
    assertThat((Map<String, Object>) m.get("/v1/payments/" + payment.get("id")).get("nextAction")).containsEntry("type", "redirect_to_url");
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPending")).isEqualTo(5_000);
  }

  @Test
  void cancelingAPendingCardPaymentCancelsItsIntentAtStripe() {
    MoneyFixture m = connectedClinic().m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_cancel", "requires_payment_method", ""))));
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents/pi_cancel/cancel")).willReturn(okJson(intent("pi_cancel", "canceled", ""))));
    UUID invoice = m.openInvoice(5_000);
    String payment = (String) m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)).get("id");

    assertThat(m.ok("/v1/payments/" + payment + "/cancel", null)).containsEntry("status", "CANCELED");
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPending")).isZero();
    List<LoggedRequest> cancels = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents/pi_cancel/cancel")));
    assertThat(cancels).singleElement().satisfies(r -> assertThat(r.getHeader("Idempotency-Key"))
        .isEqualTo("bookpay-payment-" + payment + "-cancel"));
  }

  @Test
  void whileStripeIsDownThePaymentStaysPendingAndTheReconcilerSettlesItOnceStripeAnswers() {
    Clinic clinic = connectedClinic();
    MoneyFixture m = clinic.m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}")));
    stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}")));
    UUID invoice = m.openInvoice(5_000);

    Map<String, Object> payment = m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000));
    String paymentId = (String) payment.get("id");
    assertThat(payment).containsEntry("status", "PENDING").doesNotContainKey("gatewayReference");
    assertThat(creates()).hasSize(3).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("bookpay-payment-" + paymentId);
    assertThat(sql.count("SELECT count(*) FROM gateway_checks WHERE payment_id = ?", UUID.fromString(paymentId))).isEqualTo(1);
    // The reconciler keeps asking while Stripe is down.
    await().atMost(Duration.ofSeconds(15)).until(() -> !stripe.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))).isEmpty());
    assertThat(m.get("/v1/payments/" + paymentId).get("status")).isEqualTo("PENDING");

    // Stripe is back: the first call had reached it after all, and the intent has been paid on the client's device.
    stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
        {"object":"search_result","url":"/v1/payment_intents/search","has_more":false,"data":[%s]}
        """.formatted(intent("pi_back", "succeeded", ",\"metadata\":{\"bookpay_payment_id\":\"" + paymentId + "\"}").replace(
        ",\"metadata\":{}", "")))));
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/payments/" + paymentId).get("status")));
    assertThat(m.get("/v1/payments/" + paymentId)).containsEntry("gatewayReference", "pi_back");
    assertThat(m.get("/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");
    assertThat(creates()).hasSize(3); // found, never created again
    LoggedRequest search = stripe.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo("/v1/payment_intents/search"))).get(0);
    assertThat(URLDecoder.decode(search.getUrl(), StandardCharsets.UTF_8)).contains("metadata['bookpay_payment_id']:'" + paymentId + "'");
    assertThat(sql.count("SELECT count(*) FROM gateway_checks WHERE payment_id = ?", UUID.fromString(paymentId))).isZero();
    // Its webhook, arriving late, changes nothing.
    clinic.events().intentSucceeded("pi_back", 5_000);
    await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
        "SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND status = 'PROCESSED'", m.tenant.id()) == 1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'PaymentSucceeded'", invoice)).isEqualTo(1);
    MeterRegistry meters = app.bean(MeterRegistry.class);
    assertThat(meters.get("bookpay.stripe.calls").tags("operation", "create_payment_intent", "result", "stripe_error").timer().count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void aRefundWhoseCallNeverAnsweredIsFoundAtStripeByItsIdAndNeverSentTwice() {
    Clinic clinic = connectedClinic();
    MoneyFixture m = clinic.m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_refund_lost", "requires_payment_method", ""))));
    UUID invoice = m.openInvoice(5_000);
    String payment = (String) m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)).get("id");
    clinic.events().intentSucceeded("pi_refund_lost", 5_000);
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/payments/" + payment).get("status")));
    stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"oops\"}}")));

    Map<String, Object> refund = m.created("/v1/payments/" + payment + "/refunds", Map.of("amount", 1_500));
    assertThat(refund).containsEntry("status", "PENDING").doesNotContainKey("gatewayReference");
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).hasSize(3)
        .extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("bookpay-refund-" + refund.get("id"));

    // Stripe had made it after all: the reconciler finds it among the intent's refunds by our id.
    stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson("""
        {"object":"list","url":"/v1/refunds","has_more":false,"data":[{"id":"re_found","object":"refund","amount":1500,
          "currency":"usd","payment_intent":"pi_refund_lost","status":"succeeded","metadata":{"bookpay_refund_id":"%s"}}]}
        """.formatted(refund.get("id")))));
    await().atMost(Duration.ofSeconds(15)).until(() -> "re_found".equals(m.get("/v1/refunds/" + refund.get("id")).get("gatewayReference")));
    assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).hasSize(3);
    assertThat(stripe.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1/refunds")))
        .get(0).queryParameter("payment_intent").firstValue()).isEqualTo("pi_refund_lost");
    clinic.events().refundUpdated("re_found", "pi_refund_lost", 1_500, "succeeded");
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/refunds/" + refund.get("id")).get("status")));
    assertThat(num(m.get("/v1/payments/" + payment), "amountRefunded")).isEqualTo(1_500);
  }

  @Test
  void aLostDisputeAndAWonOneArePublishedOnceWithTheirAmounts() {
    Clinic clinic = connectedClinic();
    MoneyFixture m = clinic.m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_disputed", "requires_payment_method", ""))));
    UUID invoice = m.openInvoice(5_000);
    String payment = (String) m.created("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 5_000)).get("id");
    clinic.events().intentSucceeded("pi_disputed", 5_000);
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(m.get("/v1/payments/" + payment).get("status")));

    // Closed before its creation arrives (any order), then told again: one DisputeOpened, one DisputeClosed.
    clinic.events().dispute("charge.dispute.closed", "dp_lost", "pi_disputed", 3_000, "lost");
    clinic.events().dispute("charge.dispute.created", "dp_lost", "pi_disputed", 3_000, "needs_response");
    clinic.events().dispute("charge.dispute.closed", "dp_lost", "pi_disputed", 3_000, "lost");
    await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
        "SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND status = 'PROCESSED'", m.tenant.id()) == 4);
    List<Map<String, Object>> disputes = sql.rows("SELECT envelope->>'type' AS type, envelope->'payload'->>'outcome' AS outcome,"
        + " envelope->'payload'->'dispute'->>'amount' AS amount, envelope->'payload'->>'paymentId' AS payment FROM outbox"
        + " WHERE aggregate_id = ? AND envelope->>'type' LIKE 'Dispute%' ORDER BY id", invoice);
    assertThat(disputes).extracting(r -> r.get("type")).containsExactly("DisputeOpened", "DisputeClosed");
    assertThat(disputes).allSatisfy(r -> assertThat(r).containsEntry("amount", "3000").containsEntry("payment", payment));
    assertThat(disputes.get(1)).containsEntry("outcome", "lost");
    assertThat(sql.rows("SELECT status FROM payment_disputes WHERE tenant_id = ?", m.tenant.id())).extracting(r -> r.get("status"))
        .containsExactly("LOST");

    // The read side: a lost dispute is money given back, beside refunds; net stays gross - refunds, netAfterDisputes is the money kept.
    LocalDate today = LocalDate.now(ZoneOffset.UTC); // the tenant never set a zone
    String range = "currency=USD&from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(m, "/v1/reports/financial?" + range).expectBody()
        .jsonPath("$.totals.gross").isEqualTo(5_000)
        .jsonPath("$.totals.refunds").isEqualTo(0)
        .jsonPath("$.totals.disputesLost").isEqualTo(3_000)
        .jsonPath("$.totals.disputesLostByMethod.CARD").isEqualTo(3_000)
        .jsonPath("$.totals.net").isEqualTo(5_000)
        .jsonPath("$.totals.netAfterDisputes").isEqualTo(2_000)
        .jsonPath("$.periods[?(@.period == '" + today + "')].disputesLost").isEqualTo(3_000)
        .jsonPath("$.periods[?(@.period == '" + today + "')].netAfterDisputes").isEqualTo(2_000));
    String csv = report(m, "/v1/reports/financial?" + range, "text/csv").expectBody(String.class).returnResult().getResponseBody();
    assertThat(csv.split("\r\n")).contains(today + ",USD,disputesLost,,3000", today + ",USD,net,,5000", today + ",USD,netAfterDisputes,,2000",
        "total,USD,disputesLost,,3000", "total,USD,disputesLostByMethod,CARD,3000", "total,USD,net,,5000",
        "total,USD,netAfterDisputes,,2000");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(m, "/v1/reports/reconciliation?" + range).expectBody()
        .jsonPath("$.differences.length()").isEqualTo(0));

    // Changed behind the projection's back, the dispute's amount shows as a difference on the day it closed.
    sql.update("UPDATE payment_disputes SET amount = 2500 WHERE tenant_id = ? AND gateway_reference = 'dp_lost'", m.tenant.id());
    report(m, "/v1/reports/reconciliation?" + range).expectBody()
        .jsonPath("$.differences.length()").isEqualTo(1)
        .jsonPath("$.differences[0].figure").isEqualTo("disputesLost.CARD")
        .jsonPath("$.differences[0].currency").isEqualTo("USD")
        .jsonPath("$.differences[0].period").isEqualTo(today.toString())
        .jsonPath("$.differences[0].projection").isEqualTo(3_000)
        .jsonPath("$.differences[0].source").isEqualTo(2_500);
  }

  private static WebTestClient.ResponseSpec report(MoneyFixture m, String uri) {
    return report(m, uri, MediaType.APPLICATION_JSON_VALUE);
  }

  private static WebTestClient.ResponseSpec report(MoneyFixture m, String uri, String accept) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey()).header(HttpHeaders.ACCEPT, accept)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache").exchange().expectStatus().isOk();
  }

  @Test
  void theGatewayNeverBlocksANonBlockingThread() {
    MoneyFixture m = connectedClinic().m();
    stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson(intent("pi_parallel", "requires_payment_method", ""))));
    PaymentGateway gateway = app.bean(PaymentGateway.class);
    // BlockHound (installed for every test JVM) fails any blocking call on Reactor's parallel threads.
    PaymentGateway.Result result = Mono.defer(() -> gateway.charge(new PaymentGateway.Charge(m.tenant.id(), UUID.randomUUID(),
            UUID.randomUUID(), 1_000, "USD")))
        .subscribeOn(Schedulers.parallel())
        .block(Duration.ofSeconds(10));
    assertThat(result.reference()).isEqualTo("pi_parallel");
    assertThat(result.outcome()).isEqualTo(PaymentGateway.Outcome.PENDING);
  }
}
