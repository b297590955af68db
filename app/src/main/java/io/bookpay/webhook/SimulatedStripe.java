package io.bookpay.webhook;

import com.stripe.net.Webhook;
import io.bookpay.payment.PaymentGateway;
import io.bookpay.platform.clock.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway for local runs and tests. It plays Stripe: it accepts every charge and refund and
 * leaves it PENDING, then (for tenants with an active Stripe signing secret) delivers the signed
 * webhook Stripe would send ({@code payment_intent.succeeded}, {@code refund.updated}) to this
 * instance's webhook endpoint, with a few retries, as Stripe does. Without a secret the payment
 * stays PENDING, as it would with a real processor whose webhooks are not set up.
 *
 * <p>It takes card payments with no processor behind it, so it exists only where it is switched on
 * explicitly ({@code bookpay.payments.gateway=simulated}: the local run and the tests), never by default.
 */
@Component("simulatedGateway")
@Lazy
class SimulatedStripe implements PaymentGateway {

  private static final Logger log = LoggerFactory.getLogger(SimulatedStripe.class);

  private final WebhookSecretService secrets;
  private final WebhookProperties.Simulator settings;
  private final JsonMapper json;
  private final Clock clock;
  private final Environment environment;
  private final Ids ids;
  private final WebClient client = WebClient.create();

  SimulatedStripe(WebhookSecretService secrets, WebhookProperties properties, JsonMapper json, Clock clock, Environment environment,
      Ids ids) {
    this.ids = ids;
    this.secrets = secrets;
    this.settings = properties.simulator();
    this.json = json;
    this.clock = clock;
    this.environment = environment;
  }

  @Override
  public Mono<Result> charge(Charge charge) {
    UUID tenantId = charge.tenantId();
    UUID paymentId = charge.paymentId();
    long amount = charge.amount();
    String currency = charge.currency();
    String reference = "pi_sim_" + paymentId.toString().replace("-", "");
    Map<String, Object> intent = new LinkedHashMap<>();
    intent.put("id", reference);
    intent.put("object", "payment_intent");
    intent.put("amount", amount);
    intent.put("amount_received", amount);
    intent.put("currency", currency.toLowerCase(Locale.ROOT));
    intent.put("status", "succeeded");
    intent.put("metadata", Map.of("bookpay_payment_id", paymentId.toString()));
    deliverLater(tenantId, "payment_intent.succeeded", intent);
    return Mono.just(new Result(Outcome.PENDING, reference, null));
  }

  @Override
  public Mono<Result> refund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency) {
    String reference = "re_sim_" + refundId.toString().replace("-", "");
    Map<String, Object> refund = new LinkedHashMap<>();
    refund.put("id", reference);
    refund.put("object", "refund");
    refund.put("amount", amount);
    refund.put("currency", currency.toLowerCase(Locale.ROOT));
    refund.put("payment_intent", chargeReference);
    refund.put("status", "succeeded");
    refund.put("metadata", Map.of("bookpay_refund_id", refundId.toString()));
    deliverLater(tenantId, "refund.updated", refund);
    return Mono.just(new Result(Outcome.PENDING, reference, null));
  }

  /** Stripe would cancel the intent; the simulator's success, if already scheduled, still arrives, as a race with Stripe can. */
  @Override
  public Mono<Void> cancel(UUID tenantId, UUID paymentId, String chargeReference) {
    return Mono.empty();
  }

  private void deliverLater(UUID tenantId, String type, Map<String, Object> object) {
    if (!settings.deliver()) {
      return;
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_sim_" + ids.next().toString().replace("-", "")); // not UUID.randomUUID(): it blocks on /dev/urandom
    event.put("object", "event");
    event.put("type", type);
    event.put("created", clock.instant().getEpochSecond());
    event.put("livemode", false);
    event.put("data", Map.of("object", object));
    String payload = json.writeValueAsString(event);
    Mono.delay(settings.delay())
        .then(secrets.activeStripeSecrets(tenantId))
        .filter(active -> !active.isEmpty())
        .flatMap(active -> send(tenantId, payload, active.get(0)))
        .subscribe(null, e -> log.warn("Simulated Stripe could not deliver {} to tenant {}", type, tenantId, e));
  }

  private Mono<Void> send(UUID tenantId, String payload, String secret) {
    return Mono.defer(() -> {
          long timestamp = clock.instant().getEpochSecond();
          String signature;
          try {
            signature = "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
          } catch (Exception e) {
            return Mono.error(e);
          }
          return client.post().uri(baseUrl() + "/v1/webhooks/stripe/" + tenantId)
              .contentType(MediaType.APPLICATION_JSON).header("Stripe-Signature", signature).bodyValue(payload)
              .retrieve().toBodilessEntity().then();
        })
        .retryWhen(Retry.backoff(3, Duration.ofMillis(500)));
  }

  private String baseUrl() {
    return settings.baseUrl() != null ? settings.baseUrl() : "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
  }
}
