package io.bookpay.sales;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.BookingStatus;
import io.bookpay.catalog.CatalogService;
import io.bookpay.outbox.Changed;
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
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Packages (n sessions of a service) and memberships (a tier per period): their definitions, and
 * what a customer gets when an invoice selling them is paid.
 */
@Service
public class PlanService {

  private final PlanRepository plans;
  private final CatalogService catalog;
  private final BookingService bookings;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;

  PlanService(PlanRepository plans, CatalogService catalog, BookingService bookings, Outbox outbox, TransactionalOperator tx,
      Ids ids, Clock clock) {
    this.plans = plans;
    this.catalog = catalog;
    this.bookings = bookings;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<PackageDefinition> createPackage(Caller caller, String name, UUID serviceId, int sessions, long price, String currency) {
    Currencies.check("currency", currency);
    return Problems.referenced(catalog.offering(caller, serviceId), "Service " + serviceId)
        .flatMap(service -> plans.insertPackage(new PackageDefinition(ids.next(), caller.tenantId(), name, serviceId, sessions, price,
            currency, true, clock.instant())));
  }

  public Mono<PackageDefinition> getPackage(Caller caller, UUID id) {
    return plans.findPackage(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Package " + id)));
  }

  public Flux<PackageDefinition> packages(Caller caller) {
    return plans.packages(caller.tenantId());
  }

  public Mono<MembershipTier> createTier(Caller caller, String name, long price, String currency, String period) {
    Currencies.check("currency", currency);
    return plans.insertTier(new MembershipTier(ids.next(), caller.tenantId(), name, price, currency, period, true, clock.instant()));
  }

  public Mono<MembershipTier> getTier(Caller caller, UUID id) {
    return plans.findTier(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Membership tier " + id)));
  }

  public Flux<MembershipTier> tiers(Caller caller) {
    return plans.tiers(caller.tenantId());
  }

  /** 422 unless {@code packageId} (named by an invoice's {@code field}) is a package sold now in the invoice's currency. */
  public Mono<Void> checkPackage(UUID tenantId, UUID packageId, String field, String currency) {
    return Problems.referenced(plans.findPackage(tenantId, packageId), "Package " + packageId + " (" + field + ")")
        .doOnNext(p -> requireSellable(p.active(), p.currency(), currency, "Package " + p.id()))
        .then();
  }

  /** 422 unless {@code tierId} (named by an invoice's {@code field}) is a membership tier sold now in the invoice's currency. */
  public Mono<Void> checkTier(UUID tenantId, UUID tierId, String field, String currency) {
    return Problems.referenced(plans.findTier(tenantId, tierId), "Membership tier " + tierId + " (" + field + ")")
        .doOnNext(t -> requireSellable(t.active(), t.currency(), currency, "Membership tier " + t.id()))
        .then();
  }

  private static void requireSellable(boolean active, String definitionCurrency, String invoiceCurrency, String what) {
    if (!active) {
      throw Problems.unprocessable(what + " is no longer sold.");
    }
    if (!definitionCurrency.equals(invoiceCurrency)) {
      throw Problems.unprocessable("Currency mismatch: " + what + " is priced in " + definitionCurrency + ", the invoice in "
          + invoiceCurrency + ".");
    }
  }

  /**
   * Delivers a PACKAGE line of a paid invoice: a purchase of {@code quantity} times the package's
   * sessions, with PackagePurchased ({@code amount}: what the line cost after its discount). In the
   * transaction that marks the invoice PAID; nothing if the package is gone.
   */
  public Mono<Void> deliverPackage(Sale sale, UUID packageId, int quantity, long amount, Instant now) {
    return plans.findPackage(sale.tenantId(), packageId)
        .flatMap(p -> {
          Changed<PackagePurchase> sold = PackagePurchase.sell(ids.next(), sale, p, quantity, amount, now);
          return plans.insertPurchase(sold.state()).then(outbox.append(sale.tenantId(), sold.events()));
        });
  }

  /**
   * Delivers a MEMBERSHIP line of a paid invoice: a membership paid from now for {@code quantity}
   * periods of the tier at {@code price} each, with MembershipStarted. Same transaction; nothing if the tier is gone.
   */
  public Mono<Void> startMembership(Sale sale, UUID tierId, int quantity, long price, Instant now) {
    return plans.findTier(sale.tenantId(), tierId)
        .flatMap(t -> {
          Changed<Membership> started = Membership.start(ids.next(), sale, t, quantity, price, now);
          return plans.insertMembership(started.state()).then(outbox.append(sale.tenantId(), started.events()));
        });
  }

  public Mono<PackagePurchase> purchase(Caller caller, UUID id) {
    return plans.findPurchase(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Package purchase " + id)));
  }

  public Flux<PackagePurchase> purchases(Caller caller, UUID customerId) {
    return plans.purchases(caller.tenantId(), customerId);
  }

  /**
   * Pays for a booking with one session of a package: same customer, same service, a live booking.
   * A booking takes at most one session (409 on a second), and the last session goes only once.
   */
  public Mono<PackagePurchase> redeem(Caller caller, UUID purchaseId, UUID bookingId) {
    Instant now = clock.instant();
    return purchase(caller, purchaseId)
        .flatMap(purchase -> Problems.referenced(bookings.get(caller, bookingId), "Booking " + bookingId)
            .flatMap(booking -> check(purchase, booking))
            .then(plans.recordRedemption(purchaseId, bookingId, now))
            .then(plans.useSession(purchaseId))
            .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE, "The package has no sessions left.",
                Map.of("code", "no-sessions-left"))))
            .map(used -> used.sessionRedeemed(bookingId))
            .flatMap(redeemed -> outbox.append(caller.tenantId(), redeemed.events()).thenReturn(redeemed.state())))
        .as(tx::transactional)
        .onErrorMap(e -> SqlStates.is(e, SqlStates.UNIQUE_VIOLATION),
            e -> new ApiException(ProblemType.DUPLICATE, "Booking " + bookingId + " was already paid with a package session."));
  }

  private static Mono<Void> check(PackagePurchase purchase, Booking booking) {
    if (!booking.customerId().equals(purchase.customerId())) {
      return Mono.error(Problems.unprocessable("Booking " + booking.id() + " belongs to another customer than the package."));
    }
    if (!booking.serviceId().equals(purchase.serviceId())) {
      return Mono.error(Problems.unprocessable("Booking " + booking.id() + " is for another service than the package covers."));
    }
    if (booking.status() == BookingStatus.CANCELLED || booking.status() == BookingStatus.EXPIRED) {
      return Mono.error(Problems.unprocessable("Booking " + booking.id() + " is " + booking.status() + "."));
    }
    return Mono.empty();
  }

  public Mono<Membership> membership(Caller caller, UUID id) {
    return plans.findMembership(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Membership " + id)));
  }

  public Flux<Membership> memberships(Caller caller, UUID customerId) {
    return plans.memberships(caller.tenantId(), customerId);
  }

  /** Ends one batch of memberships past their paid end; emits how many. */
  Mono<Integer> endLapsed(int limit) {
    return Mono.defer(() -> plans.endLapsed(clock.instant(), limit).collectList()
        .flatMap(ended -> Flux.fromIterable(ended)
            .concatMap(m -> outbox.append(m.tenantId(), m.ended(m.endedAt(), "period ended").events()))
            .then(Mono.just(ended.size())))
        .as(tx::transactional));
  }

  /** Ends an ACTIVE membership now; 409 if it already ended. Refunding what was paid is a separate refund. */
  public Mono<Membership> end(Caller caller, UUID id, String reason) {
    Instant now = clock.instant();
    return membership(caller, id)
        .then(plans.endMembership(caller.tenantId(), id, now))
        .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.INVALID_TRANSITION, "Membership " + id + " has already ended.")))
        .map(m -> m.ended(now, reason))
        .flatMap(ended -> outbox.append(caller.tenantId(), ended.events()).thenReturn(ended.state()))
        .as(tx::transactional);
  }
}
