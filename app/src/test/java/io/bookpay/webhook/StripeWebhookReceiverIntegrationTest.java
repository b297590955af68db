package io.bookpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.webhook.WebhookIntegrationTest.MoneyProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * What the Stripe webhook receiver refuses and what it stores, seen through HTTP: a delivery
 * replayed (Stripe's retries, or someone who captured one) is stored once; a signature made with
 * another tenant's secret, a body that is not an event, and a body over the limit without a
 * declared length are refused and store nothing. Each outcome is counted.
 */
class StripeWebhookReceiverIntegrationTest extends IntegrationTest {

  @Autowired MeterRegistry meters;

  /** Each tenant's signing secret, as shown once when it was added. */
  private final Map<TestTenant, String> secrets = new HashMap<>();

  private TestTenant tenantWithSecret() {
    TestTenant tenant = newTenant();
    String secret = (String) http.post().uri("/v1/webhooks/secrets").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("secret");
    secrets.put(tenant, secret);
    return tenant;
  }

  private WebTestClient.ResponseSpec deliver(TestTenant tenant, String payload, String signature) {
    return http.post().uri("/v1/webhooks/stripe/" + tenant.id()).contentType(MediaType.APPLICATION_JSON)
        .header("Stripe-Signature", signature).bodyValue(payload).exchange();
  }

  private long inboxRows(TestTenant tenant) {
    return sql.count("SELECT count(*) FROM webhook_inbox WHERE tenant_id = ?", tenant.id());
  }

  private double counted(String result) {
    return meters.counter("bookpay.webhooks.received", "provider", "stripe", "result", result).count();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aReplayedDeliveryIsStoredOnceAndAnOldOneIsRefused() {
    TestTenant tenant = tenantWithSecret();
    String secret = secrets.get(tenant);
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_replay", 0);
    long now = Instant.now().getEpochSecond();
    double duplicates = counted("duplicate");

    EntityExchangeResult<Map> first = deliver(tenant, payload, StripeEvents.signature(payload, secret, now))
        .expectStatus().isOk().expectBody(Map.class).returnResult();
    assertThat(first.getResponseBody()).containsEntry("received", true).containsEntry("duplicate", false);
    assertThat(first.getResponseBody().get("id")).isNotNull();

    // The same delivery again, and the same event signed again a minute later (as Stripe retries): stored already.
    for (long at : new long[] {now, now - 60}) {
      Map<String, Object> again = deliver(tenant, payload, StripeEvents.signature(payload, secret, at))
          .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
      assertThat(again).containsEntry("received", true).containsEntry("duplicate", true);
      assertThat(again.get("id")).as("a duplicate names no new inbox row").isNull();
    }
    // A captured delivery replayed after the tolerance: refused before the inbox is asked.
    MoneyProblem.of(deliver(tenant, payload, StripeEvents.signature(payload, secret, now - 301)), 400, "signature-invalid");

    assertThat(inboxRows(tenant)).isEqualTo(1);
    assertThat(sql.rows("SELECT id::text AS id FROM webhook_inbox WHERE tenant_id = ?", tenant.id()))
        .extracting(row -> row.get("id")).containsExactly(first.getResponseBody().get("id"));
    assertThat(counted("duplicate") - duplicates).isEqualTo(2);
  }

  @Test
  void aSignatureMadeWithAnotherTenantsSecretIsRefused() {
    TestTenant a = tenantWithSecret();
    TestTenant b = tenantWithSecret();
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_cross", 0);

    MoneyProblem.of(deliver(b, payload, StripeEvents.signature(payload, secrets.get(a), Instant.now().getEpochSecond())), 400,
        "signature-invalid");

    assertThat(inboxRows(a)).isZero();
    assertThat(inboxRows(b)).isZero();
  }

  @Test
  void aCorrectlySignedBodyThatIsNotAStripeEventIsRefused() {
    TestTenant tenant = tenantWithSecret();
    long now = Instant.now().getEpochSecond();
    double malformed = counted("malformed");

    for (String body : List.of("not json", "[]", "{\"id\":42,\"type\":\"customer.created\"}", "{\"id\":\"evt_1\"}",
        "{\"id\":\"\",\"type\":\"customer.created\"}", "{\"id\":\"" + "e".repeat(256) + "\",\"type\":\"customer.created\"}")) {
      MoneyProblem.of(deliver(tenant, body, StripeEvents.signature(body, secrets.get(tenant), now)), 400, "malformed-request");
    }

    assertThat(inboxRows(tenant)).isZero();
    assertThat(counted("malformed") - malformed).isEqualTo(6);
  }

  @Test
  void aBodyWithoutADeclaredLengthIsReadOnlyUpToTheLimit() {
    TestTenant tenant = tenantWithSecret();
    long now = Instant.now().getEpochSecond();
    String small = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_chunked", 0);
    String big = small.replace("\"livemode\":false", "\"livemode\":false,\"pad\":\"" + "x".repeat(300_000) + "\"");
    double tooLarge = counted("too_large");

    chunked(tenant, big, StripeEvents.signature(big, secrets.get(tenant), now))
        .expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/payload-too-large");
    assertThat(inboxRows(tenant)).isZero();
    assertThat(counted("too_large") - tooLarge).isEqualTo(1);

    // The same way of sending, within the limit, is read whole and stored.
    chunked(tenant, small, StripeEvents.signature(small, secrets.get(tenant), now)).expectStatus().isOk()
        .expectBody().jsonPath("$.duplicate").isEqualTo(false);
    assertThat(inboxRows(tenant)).isEqualTo(1);
  }

  /** stripe-java throws NumberFormatException or ArrayIndexOutOfBoundsException on these; they must be refusals, not 500s. */
  @Test
  void aMalformedSignatureHeaderIsRefusedAsABadSignature() {
    TestTenant tenant = tenantWithSecret();
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_header", 0);
    String valid = StripeEvents.signature(payload, secrets.get(tenant), Instant.now().getEpochSecond());
    String v1 = valid.substring(valid.indexOf(",") + 1);

    for (String header : List.of("t", "t=", "t=abc," + v1, "t=99999999999999999999," + v1, "t=1,v1", v1, ",,,", "=", "t==1," + v1)) {
      MoneyProblem.of(deliver(tenant, payload, header), 400, "signature-invalid");
    }

    assertThat(inboxRows(tenant)).isZero();
  }

  /** The tolerance holds both ways: a timestamp too far ahead is refused like one too far behind; a little clock skew is not. */
  @Test
  void aSignatureDatedTooFarAheadIsRefused() {
    TestTenant tenant = tenantWithSecret();
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_future", 0);
    long now = Instant.now().getEpochSecond();

    MoneyProblem.of(deliver(tenant, payload, StripeEvents.signature(payload, secrets.get(tenant), now + 3_600)), 400, "signature-invalid");
    assertThat(inboxRows(tenant)).isZero();

    deliver(tenant, payload, StripeEvents.signature(payload, secrets.get(tenant), now + 60)).expectStatus().isOk();
    assertThat(inboxRows(tenant)).isEqualTo(1);
  }

  /** Sends the body in 8 KiB chunks with no Content-Length, so only the limit while reading can stop it. */
  private WebTestClient.ResponseSpec chunked(TestTenant tenant, String payload, String signature) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Flux<DataBuffer> body = Flux.range(0, (bytes.length + 8191) / 8192)
        .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
            Arrays.copyOfRange(bytes, i * 8192, Math.min(bytes.length, (i + 1) * 8192))));
    return http.post().uri("/v1/webhooks/stripe/" + tenant.id()).contentType(MediaType.APPLICATION_JSON)
        .header("Stripe-Signature", signature).body(body, DataBuffer.class).exchange();
  }
}
