package io.bookpay.payment.stripe;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import io.bookpay.payment.NextAction;
import io.bookpay.payment.PaymentGateway;
import io.bookpay.payment.PaymentsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway that takes card payments through each tenant's own Stripe account
 * ({@code bookpay.payments.gateway=stripe}). A card payment is a PaymentIntent (amount, currency,
 * {@code metadata.bookpay_payment_id} / {@code bookpay_invoice_id}, the tenant's statement descriptor
 * suffix, automatic payment methods for Stripe's Payment Element) created with the idempotency key
 * {@code bookpay-payment-<id>}; its client secret goes to the front end, which confirms it on the
 * client's device, and Stripe's webhook settles it. Refunds are Refunds keyed {@code bookpay-refund-<id>}.
 * All calls run through {@link StripeCalls}: off the event loops, timed, repeated with the same key.
 */
@Component("stripeGateway")
@Lazy
class StripeGateway implements PaymentGateway, DisposableBean {

  private final StripeAccounts accounts;
  private final StripeCalls calls;
  private final PaymentsProperties.Stripe settings;
  private final Cache<String, StripeClient> clients = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000)
      .build();

  StripeGateway(StripeAccounts accounts, PaymentsProperties properties, MeterRegistry meters) {
    this.accounts = accounts;
    this.settings = properties.stripe();
    this.calls = new StripeCalls(settings, meters);
  }

  @Override
  public Mono<Boolean> readyFor(UUID tenantId) {
    return accounts.credentials(tenantId).hasElement();
  }

  @Override
  public Mono<Result> charge(Charge charge) {
    return credentials(charge.tenantId()).flatMap(account -> create(charge, account));
  }

  private Mono<Result> create(Charge charge, StripeAccounts.Credentials account) {
    PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
        .setAmount(charge.amount())
        .setCurrency(charge.currency().toLowerCase(Locale.ROOT))
        .putMetadata("bookpay_payment_id", charge.paymentId().toString())
        .putMetadata("bookpay_invoice_id", charge.invoiceId().toString())
        .putMetadata("bookpay_tenant_id", charge.tenantId().toString())
        .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build());
    if (account.statementDescriptorSuffix() != null) {
      params.setStatementDescriptorSuffix(account.statementDescriptorSuffix()); // a full statement_descriptor is refused on cards
    }
    return calls.call("create_payment_intent",
            () -> client(account).v1().paymentIntents().create(params.build(), options(paymentKey(charge.paymentId()))))
        .map(intent -> answer(intent, account))
        .onErrorResume(CardException.class, e -> Mono.just(declined(e, account)));
  }

  /** Finds the intent by our id first (the first call may have reached Stripe); creates it with the same key if it never did. */
  @Override
  public Mono<Result> lookUpCharge(Charge charge) {
    return credentials(charge.tenantId()).flatMap(account -> find(charge.paymentId(), account)
        .map(intent -> answer(intent, account))
        .switchIfEmpty(Mono.defer(() -> create(charge, account))));
  }

  private Mono<PaymentIntent> find(UUID paymentId, StripeAccounts.Credentials account) {
    PaymentIntentSearchParams query = PaymentIntentSearchParams.builder()
        .setQuery("metadata['bookpay_payment_id']:'" + paymentId + "'").setLimit(1L).build();
    return calls.call("search_payment_intents", () -> client(account).v1().paymentIntents().search(query, options(null)))
        .flatMap(found -> Mono.justOrEmpty(found.getData().stream().findFirst()));
  }

  @Override
  public Mono<Result> refund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency) {
    if (chargeReference == null) {
      return Mono.error(new IllegalStateException("Refund " + refundId + " is of a payment Stripe has not given an id yet"));
    }
    return credentials(tenantId).flatMap(account -> createRefund(account, refundId, chargeReference, amount));
  }

  private Mono<Result> createRefund(StripeAccounts.Credentials account, UUID refundId, String chargeReference, long amount) {
    RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(chargeReference).setAmount(amount)
        .putMetadata("bookpay_refund_id", refundId.toString()).build();
    return calls.call("create_refund", () -> client(account).v1().refunds().create(params, options("bookpay-refund-" + refundId)))
        .map(StripeGateway::answer);
  }

  /**
   * Finds the refund among the intent's refunds by our id first: Stripe forgets idempotency keys after
   * 24 hours, and a refund sent again after that would give the money back twice.
   */
  @Override
  public Mono<Result> lookUpRefund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency) {
    if (chargeReference == null) {
      return refund(tenantId, refundId, null, amount, currency);
    }
    RefundListParams list = RefundListParams.builder().setPaymentIntent(chargeReference).setLimit(100L).build();
    return credentials(tenantId).flatMap(account -> calls.call("list_refunds", () -> client(account).v1().refunds().list(list,
            options(null)))
        .flatMap(found -> Mono.justOrEmpty(found.getData().stream()
            .filter(r -> r.getMetadata() != null && refundId.toString().equals(r.getMetadata().get("bookpay_refund_id")))
            .findFirst()))
        .map(StripeGateway::answer)
        .switchIfEmpty(Mono.defer(() -> createRefund(account, refundId, chargeReference, amount))));
  }

  /** A Refund as Bookpay reads it: FAILED when Stripe says so, else PENDING until its webhook settles it. */
  private static Result answer(com.stripe.model.Refund refund) {
    return switch (String.valueOf(refund.getStatus())) {
      case "failed", "canceled" -> new Result(Outcome.FAILED, refund.getId(),
          refund.getFailureReason() != null ? refund.getFailureReason() : refund.getStatus(), refund.getFailureReason(), null, null,
          null);
      default -> new Result(Outcome.PENDING, refund.getId(), null);
    };
  }

  /** Cancels the intent (found by our id when its reference never came back); nothing to do when Stripe never had it. */
  @Override
  public Mono<Void> cancel(UUID tenantId, UUID paymentId, String chargeReference) {
    return accounts.credentials(tenantId).flatMap(account -> (chargeReference != null ? Mono.just(chargeReference)
            : find(paymentId, account).map(PaymentIntent::getId))
        .flatMap(reference -> calls.call("cancel_payment_intent", () -> client(account).v1().paymentIntents()
            .cancel(reference, PaymentIntentCancelParams.builder().build(), options(paymentKey(paymentId) + "-cancel")))))
        .then();
  }

  private Mono<StripeAccounts.Credentials> credentials(UUID tenantId) {
    return accounts.credentials(tenantId)
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("Tenant " + tenantId + " has not connected Stripe")));
  }

  /** A PaymentIntent as Bookpay reads it: settled when Stripe says so, FAILED with the decline, else PENDING. */
  static Result answer(PaymentIntent intent, StripeAccounts.Credentials account) {
    String status = String.valueOf(intent.getStatus());
    StripeError error = intent.getLastPaymentError();
    return switch (status) {
      case "succeeded" -> new Result(Outcome.SUCCEEDED, intent.getId(), null, null, null, intent.getClientSecret(),
          account.publishableKey());
      case "canceled" -> new Result(Outcome.FAILED, intent.getId(), "canceled"
          + (intent.getCancellationReason() != null ? ": " + intent.getCancellationReason() : ""), "canceled", null, null, null);
      case "requires_payment_method" -> error != null
          ? new Result(Outcome.FAILED, intent.getId(), message(error.getMessage(), error.getCode()),
              error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode(), null, intent.getClientSecret(),
              account.publishableKey())
          : pending(intent, account);
      default -> pending(intent, account);
    };
  }

  private static Result pending(PaymentIntent intent, StripeAccounts.Credentials account) {
    NextAction next = intent.getNextAction() == null ? null : new NextAction(intent.getNextAction().getType(),
        intent.getNextAction().getRedirectToUrl() == null ? null : intent.getNextAction().getRedirectToUrl().getUrl());
    return new Result(Outcome.PENDING, intent.getId(), null, null, next, intent.getClientSecret(), account.publishableKey());
  }

  /** A card Stripe refused at once: FAILED with its decline code and a message a front desk can read. */
  private static Result declined(CardException e, StripeAccounts.Credentials account) {
    StripeError error = e.getStripeError();
    PaymentIntent intent = error == null ? null : error.getPaymentIntent();
    String message = message(error == null ? null : error.getMessage(), e.getCode());
    return new Result(Outcome.FAILED, intent == null ? null : intent.getId(), message,
        e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), null, intent == null ? null : intent.getClientSecret(),
        account.publishableKey());
  }

  private static String message(String message, String code) {
    return message != null ? message : code != null ? code : "declined";
  }

  private static String paymentKey(UUID paymentId) {
    return "bookpay-payment-" + paymentId;
  }

  private RequestOptions options(String idempotencyKey) {
    RequestOptions.RequestOptionsBuilder options = RequestOptions.builder();
    if (idempotencyKey != null) {
      options.setIdempotencyKey(idempotencyKey);
    }
    return options.build();
  }

  /** One client per secret key: the key, the API base, timeouts, and no retries of its own (StripeCalls repeats). */
  private StripeClient client(StripeAccounts.Credentials account) {
    return clients.get(account.secretKey(), key -> StripeClient.builder().setApiKey(key).setApiBase(settings.apiBase())
        .setConnectTimeout((int) settings.connectTimeout().toMillis()).setReadTimeout((int) settings.readTimeout().toMillis())
        .setMaxNetworkRetries(0).build());
  }

  @Override
  public void destroy() {
    calls.destroy();
  }
}
