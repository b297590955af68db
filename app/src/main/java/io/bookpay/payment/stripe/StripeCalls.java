package io.bookpay.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.bookpay.payment.PaymentsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Runs stripe-java's blocking calls on a scheduler of their own (never on an event loop), times each
 * attempt in {@code bookpay.stripe.calls{operation, result}} (a latency histogram), and repeats an
 * attempt whose outcome is unknown or that Stripe asked to repeat (a timeout or broken connection,
 * 429, 409 lock, 5xx) after a doubling, jittered delay. The caller's idempotency key stays the same
 * across repeats, so Stripe applies the call once.
 */
class StripeCalls implements DisposableBean {

  private final Scheduler scheduler;
  private final MeterRegistry meters;
  private final PaymentsProperties.Stripe settings;

  StripeCalls(PaymentsProperties.Stripe settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
    this.scheduler = Schedulers.newBoundedElastic(settings.threads(), 10_000, "stripe");
  }

  <T> Mono<T> call(String operation, Callable<T> call) {
    return Mono.fromCallable(() -> timed(operation, call))
        .subscribeOn(scheduler)
        .retryWhen(Retry.backoff(settings.retries(), settings.retryBackoff()).filter(StripeCalls::worthRepeating)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
  }

  private <T> T timed(String operation, Callable<T> call) throws Exception {
    long start = System.nanoTime();
    String result = "ok";
    try {
      return call.call();
    } catch (Exception e) {
      result = resultOf(e);
      throw e;
    } finally {
      Timer.builder("bookpay.stripe.calls").description("Calls to Stripe's API, by operation and result")
          .tag("operation", operation).tag("result", result).publishPercentileHistogram()
          .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Timeouts and broken connections (outcome unknown), 429, a 409 on a concurrent use of the key, and Stripe's own errors. */
  static boolean worthRepeating(Throwable e) {
    if (e instanceof ApiConnectionException || e instanceof RateLimitException) {
      return true;
    }
    if (e instanceof StripeException s && !(e instanceof IdempotencyException) && !(e instanceof CardException)) {
      Integer status = s.getStatusCode();
      return status != null && (status >= 500 || status == 409);
    }
    return false;
  }

  private static String resultOf(Exception e) {
    if (e instanceof CardException) {
      return "declined";
    }
    if (e instanceof ApiConnectionException) {
      return "unreachable";
    }
    if (e instanceof RateLimitException) {
      return "rate_limited";
    }
    if (e instanceof StripeException s && s.getStatusCode() != null) {
      return s.getStatusCode() >= 500 ? "stripe_error" : "refused";
    }
    return "error";
  }

  @Override
  public void destroy() {
    scheduler.dispose();
  }
}
