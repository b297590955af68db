package io.bookpay.money;

import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Defines coupons; they are redeemed when an invoice draft names one (see {@link InvoiceService}). */
@Service
public class CouponService {

  private final CouponRepository coupons;
  private final Ids ids;
  private final Clock clock;

  CouponService(CouponRepository coupons, Ids ids, Clock clock) {
    this.coupons = coupons;
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
}
