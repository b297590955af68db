package io.bookpay.sales;

import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Defines coupons, and redeems them for invoice drafts that name one: a redemption is taken under the
 * coupon's row lock, so its limits hold exactly under concurrency.
 */
@Service
public class CouponService {

  private final CouponRepository coupons;
  private final Outbox outbox;
  private final Ids ids;
  private final Clock clock;

  CouponService(CouponRepository coupons, Outbox outbox, Ids ids, Clock clock) {
    this.coupons = coupons;
    this.outbox = outbox;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<Coupon> create(Caller caller, String code, Integer percentOff, Long amountOff, String currency, Instant validFrom,
      Instant validUntil, Integer maxRedemptions, Integer maxPerCustomer) {
    if ((percentOff == null) == (amountOff == null)) {
      throw Problems.invalid("percentOff", "give exactly one of percentOff and amountOff");
    }
    if (amountOff != null && currency == null) {
      throw Problems.invalid("currency", "is required with amountOff");
    }
    if (percentOff != null && currency != null) {
      throw Problems.invalid("currency", "is only for amountOff coupons");
    }
    if (currency != null) {
      Currencies.check("currency", currency);
    }
    if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
      throw Problems.invalid("validUntil", "must be after validFrom");
    }
    Coupon coupon = new Coupon(ids.next(), caller.tenantId(), code.toUpperCase(Locale.ROOT), percentOff != null ? "PERCENT" : "FIXED",
        percentOff, amountOff, currency, micros(validFrom), micros(validUntil), maxRedemptions, maxPerCustomer, 0, true, clock.instant());
    return coupons.insert(coupon)
        .onErrorMap(e -> SqlStates.is(e, SqlStates.UNIQUE_VIOLATION),
            e -> new ApiException(ProblemType.DUPLICATE, "A coupon with the code " + coupon.code() + " exists."));
  }

  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  public Mono<Coupon> get(Caller caller, UUID id) {
    return coupons.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Coupon " + id)));
  }

  public Flux<Coupon> list(Caller caller) {
    return coupons.list(caller.tenantId());
  }

  public Mono<Coupon> deactivate(Caller caller, UUID id) {
    return coupons.deactivate(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Coupon " + id)));
  }

  /** The coupon with this code if it can be used now on an invoice in {@code currency}; otherwise 422 with a code saying why. */
  public Mono<Coupon> usable(UUID tenantId, String code, String currency, Instant now) {
    return coupons.findByCode(tenantId, code.strip().toUpperCase(Locale.ROOT))
        .switchIfEmpty(Mono.error(() -> couponProblem("coupon-unknown", "No coupon has the code " + code + ".")))
        .flatMap(c -> {
          if (!c.active()) {
            return Mono.error(couponProblem("coupon-inactive", "Coupon " + c.code() + " is no longer active."));
          }
          if (c.validFrom() != null && now.isBefore(c.validFrom()) || c.validUntil() != null && !now.isBefore(c.validUntil())) {
            return Mono.error(couponProblem("coupon-not-valid-now",
                "Coupon " + c.code() + " is valid from " + c.validFrom() + " until " + c.validUntil() + "."));
          }
          if (c.currency() != null && !c.currency().equals(currency)) {
            return Mono.error(couponProblem("coupon-currency", "Currency mismatch: coupon " + c.code() + " is in " + c.currency()
                + ", the invoice in " + currency + "."));
          }
          return Mono.just(c);
        });
  }

  /**
   * Takes a redemption for an invoice being drafted, under the coupon's row lock (the limits are then
   * exact, overall and per customer), with CouponRedeemed. In the caller's transaction, before the
   * invoice is written; {@link #recordRedemption} follows once it is.
   */
  public Mono<Void> takeRedemption(Coupon c, UUID invoiceId, UUID customerId, long discount, String currency) {
    return coupons.takeRedemption(c.id())
        .switchIfEmpty(Mono.error(() -> couponProblem("coupon-exhausted", "Coupon " + c.code() + " has no redemptions left.")))
        .flatMap(taken -> (c.maxPerCustomer() == null ? Mono.<Void>empty()
            : coupons.redemptionsBy(c.id(), customerId)
                .flatMap(n -> n >= c.maxPerCustomer()
                    ? Mono.<Void>error(couponProblem("coupon-customer-limit",
                        "The customer has used coupon " + c.code() + " the most times allowed (" + c.maxPerCustomer() + ")."))
                    : Mono.empty()))
            .then(outbox.append(c.tenantId(), taken.redeemed(invoiceId, customerId, discount, currency).events())));
  }

  /** Records which invoice (and customer) a redemption went to, once the invoice is written. Caller's transaction. */
  public Mono<Void> recordRedemption(UUID couponId, UUID invoiceId, UUID customerId, long discount, Instant now) {
    return coupons.recordRedemption(couponId, invoiceId, customerId, discount, now);
  }

  /** Gives a voided invoice's redemption back. Caller's transaction. */
  public Mono<Void> release(UUID couponId, UUID invoiceId) {
    return coupons.release(couponId, invoiceId);
  }

  private static ApiException couponProblem(String code, String detail) {
    return new ApiException(ProblemType.UNPROCESSABLE, detail, Map.of("code", code));
  }
}
