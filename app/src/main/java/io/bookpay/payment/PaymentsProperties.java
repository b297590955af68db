package io.bookpay.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which card processor takes CARD payments. None by default: a packaged jar must never take card
 * payments by itself, so the simulator runs only where it is asked for (local run, tests).
 *
 * @param gateway {@code none} (CARD payments are refused), {@code simulated} (local run and tests)
 *     or {@code stripe} (each tenant connects its own Stripe account)
 * @param reconciler how charges and refunds whose processor never answered are looked up again
 * @param stripe how the Stripe gateway calls Stripe
 */
@ConfigurationProperties("bookpay.payments")
public record PaymentsProperties(@DefaultValue("none") Gateway gateway, @DefaultValue Reconciler reconciler,
    @DefaultValue Stripe stripe) {

  /** The property's values, each with the name of its adapter's (lazy) bean; {@link PaymentGatewayConfiguration} picks one. */
  public enum Gateway {
    NONE("unconfiguredGateway"), SIMULATED("simulatedGateway"), STRIPE("stripeGateway");

    private final String beanName;

    Gateway(String beanName) {
      this.beanName = beanName;
    }

    String beanName() {
      return beanName;
    }
  }

  /**
   * @param after how long after a charge or refund is recorded its first look-up is due, if the
   *     processor has not answered by then; later look-ups wait twice as long each time
   * @param maxDelay the longest wait between two look-ups
   * @param interval how often the reconciler looks for due look-ups
   * @param batchSize look-ups per round
   */
  public record Reconciler(@DefaultValue("1m") Duration after, @DefaultValue("1h") Duration maxDelay,
      @DefaultValue("10s") Duration interval, @DefaultValue("50") int batchSize) {}

  /**
   * @param apiBase Stripe's API (tests point it at a local fake)
   * @param connectTimeout connect timeout of one call
   * @param readTimeout read timeout of one call: past it the outcome is unknown and the call is
   *     repeated with the same idempotency key
   * @param retries how often a call that timed out, was rate limited (429) or met a Stripe error (5xx)
   *     is repeated at once, with a doubling delay from {@code retryBackoff}; after that the
   *     reconciler takes over
   * @param retryBackoff the first delay between such repeats
   * @param threads most Stripe calls in flight at once (stripe-java blocks a thread per call, on a
   *     scheduler of their own, never on an event loop)
   */
  public record Stripe(@DefaultValue("https://api.stripe.com") String apiBase, @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("20s") Duration readTimeout, @DefaultValue("2") int retries, @DefaultValue("500ms") Duration retryBackoff,
      @DefaultValue("32") int threads) {}
}
