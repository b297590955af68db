package io.bookpay.claim;

import io.bookpay.booking.BookingService;
import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.Offering;
import io.bookpay.claim.Insurance.CoverageRule;
import io.bookpay.claim.Insurance.Enrolment;
import io.bookpay.customer.CustomerService;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimEvent;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimStatusChanged;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.outbox.Outbox;
import io.bookpay.payment.PaymentService;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Claims: drafted with the coverage their plan's rules expect, edited while with the clinic, moved
 * through their lifecycle one checked transition at a time (If-Match required, so of two reviewers
 * acting on one version one wins and the other gets 412), each transition recorded with its actor
 * in the same transaction, and, once approved, applied to their invoice as an INSURANCE payment.
 */
@Service
public class ClaimService {

  /** A claim as asked for: one of items' services and amounts. */
  record Draft(UUID customerId, UUID planId, UUID bookingId, UUID invoiceId, LocalDate serviceDate, List<CoverageMath.Requested> items,
      String notes) {}

  private final ClaimRepository claims;
  private final InsuranceRepository insurance;
  private final CustomerService customers;
  private final CatalogService catalog;
  private final BookingService bookings;
  private final InvoiceService invoices;
  private final PaymentService payments;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;

  ClaimService(ClaimRepository claims, InsuranceRepository insurance, CustomerService customers, CatalogService catalog,
      BookingService bookings, InvoiceService invoices, PaymentService payments, Outbox outbox, TransactionalOperator tx, Ids ids,
      Clock clock) {
    this.claims = claims;
    this.insurance = insurance;
    this.customers = customers;
    this.catalog = catalog;
    this.bookings = bookings;
    this.invoices = invoices;
    this.payments = payments;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  Mono<Claim> create(Caller caller, Draft draft) {
    Instant now = clock.instant();
    Mono<Invoice> invoice = invoice(caller, draft.invoiceId());
    return Problems.referenced(customers.get(caller, draft.customerId()), "Customer " + draft.customerId())
        .then(Problems.referenced(insurance.findPlan(caller.tenantId(), draft.planId()), "Plan " + draft.planId()))
        .then(serviceDate(caller, draft, invoice, now))
        .flatMap(day -> enrolment(caller, draft.customerId(), draft.planId(), day)
            .flatMap(enrolment -> currency(caller, draft, invoice)
                .flatMap(currency -> coverage(caller.tenantId(), draft.planId(), enrolment.id(), null, day, draft.items())
                    .flatMap(items -> {
                      Claim claim = new Claim(ids.next(), caller.tenantId(), draft.customerId(), draft.planId(), enrolment.id(),
                          draft.bookingId(), draft.invoiceId(), ClaimStatus.DRAFT, currency, day, items, claimed(items), covered(items), null,
                          null, draft.notes(), 0, now, now);
                      return claims.insert(claim, caller.apiKeyId())
                          .then(claims.recordHistory(caller.tenantId(), claim.id(), null, ClaimStatus.DRAFT, caller.actor(), null, now))
                          .then(outbox.append(caller.tenantId(), new ClaimCreated(claim.id(), claim.customerId(), claim.planId(),
                              claim.bookingId(), claim.invoiceId(), day, claim.claimedAmount(), claim.expectedCoveredAmount(), currency)))
                          .thenReturn(claim)
                          .as(tx::transactional);
                    }))));
  }

  /** The service date: given, else the booking's day (UTC), else today (UTC). Checks the booking and invoice belong to the customer. */
  private Mono<LocalDate> serviceDate(Caller caller, Draft draft, Mono<Invoice> invoice, Instant now) {
    Mono<LocalDate> fromBooking = draft.bookingId() == null ? Mono.empty()
        : Problems.referenced(bookings.get(caller, draft.bookingId()), "Booking " + draft.bookingId())
            .flatMap(b -> b.customerId().equals(draft.customerId()) ? Mono.just(b.start().atOffset(ZoneOffset.UTC).toLocalDate())
                : Mono.error(Problems.unprocessable("Booking " + b.id() + " belongs to another customer.")));
    Mono<Void> sameCustomer = invoice.flatMap(i -> i.customerId().equals(draft.customerId()) ? Mono.<Void>empty()
        : Mono.error(Problems.unprocessable("Invoice " + i.id() + " belongs to another customer.")));
    return sameCustomer.then(fromBooking.map(day -> draft.serviceDate() != null ? draft.serviceDate() : day)
        .switchIfEmpty(Mono.fromSupplier(() -> draft.serviceDate() != null ? draft.serviceDate() : now.atOffset(ZoneOffset.UTC).toLocalDate())));
  }

  /** The invoice a claim names, looked up once however often it is used (422 when it does not exist); empty without one. */
  private Mono<Invoice> invoice(Caller caller, UUID invoiceId) {
    return invoiceId == null ? Mono.empty() : Problems.referenced(invoices.get(caller, invoiceId), "Invoice " + invoiceId).cache();
  }

  private Mono<Enrolment> enrolment(Caller caller, UUID customerId, UUID planId, LocalDate day) {
    return insurance.enrolments(caller.tenantId(), customerId, planId).filter(e -> e.covers(day)).collectList()
        .flatMap(found -> found.isEmpty()
            ? Mono.error(new ApiException(ProblemType.UNPROCESSABLE, "Customer " + customerId + " is not enrolled in plan " + planId
                + " on " + day + ".", Map.of("code", "not-enrolled")))
            : Mono.just(found.get(0)));
  }

  /** All items' services must exist and be priced in one currency (and the invoice's, if there is one). */
  private Mono<String> currency(Caller caller, Draft draft, Mono<Invoice> invoice) {
    return Flux.fromIterable(draft.items())
        .concatMap(item -> Problems.referenced(catalog.offering(caller.tenantId(), item.serviceId()), "Service " + item.serviceId()))
        .map(Offering::currency).distinct().collectList()
        .flatMap(currencies -> currencies.size() > 1
            ? Mono.error(Problems.unprocessable("Currency mismatch: the items' services are priced in " + currencies + "."))
            : Mono.just(currencies.get(0)))
        .flatMap(currency -> invoice.flatMap(i -> i.currency().equals(currency) ? Mono.just(currency)
                : Mono.<String>error(Problems.unprocessable("Currency mismatch: the services are in " + currency + ", invoice " + i.id()
                    + " in " + i.currency() + ".")))
            .defaultIfEmpty(currency));
  }

  private Mono<List<Claim.Item>> coverage(UUID tenantId, UUID planId, UUID enrolmentId, UUID claimId, LocalDate day,
      List<CoverageMath.Requested> items) {
    return insurance.rules(tenantId, planId).collectMap(CoverageRule::serviceId, Function.identity())
        .flatMap(rules -> claims.usedThisYear(enrolmentId, claimId == null ? new UUID(0, 0) : claimId, day)
            .map(used -> CoverageMath.cover(items, rules, used)));
  }

  Mono<Claim> get(Caller caller, UUID id) {
    return claims.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Claim " + id)))
        .flatMap(c -> claims.items(c.id()).map(c::withItems));
  }

  Flux<Claim> page(Caller caller, UUID customerId, ClaimStatus status, UUID after, int limit) {
    return claims.page(caller.tenantId(), customerId, status, after, limit).collectList()
        .flatMapMany(page -> page.isEmpty() ? Flux.<Claim>empty()
            : claims.items(page.stream().map(Claim::id).toList())
                .flatMapIterable(items -> page.stream().map(c -> c.withItems(items.getOrDefault(c.id(), List.of()))).toList()));
  }

  Flux<ClaimHistoryEntry> history(Caller caller, UUID id) {
    return get(caller, id).thenMany(claims.history(id));
  }

  /** Replaces items and notes while the claim is DRAFT or ADDITIONAL_INFO_REQUIRED; coverage is computed again. */
  Mono<Claim> update(Caller caller, UUID id, long version, List<CoverageMath.Requested> items, String notes) {
    Instant now = clock.instant();
    return locked(caller, id, version)
        .flatMap(current -> {
          if (!current.status().editable()) {
            return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION, "A " + current.status()
                + " claim cannot be edited; only DRAFT and ADDITIONAL_INFO_REQUIRED ones can.", Map.of("status", current.status().name())));
          }
          Draft draft = new Draft(current.customerId(), current.planId(), null, current.invoiceId(), current.serviceDate(), items, notes);
          return currency(caller, draft, invoice(caller, current.invoiceId()))
              .flatMap(currency -> currency.equals(current.currency()) ? Mono.just(currency)
                  : Mono.error(Problems.unprocessable("Currency mismatch: the claim is in " + current.currency() + ".")))
              .then(coverage(caller.tenantId(), current.planId(), current.enrolmentId(), id, current.serviceDate(), items))
              .flatMap(covered -> claims.replaceItems(id, covered)
                  .then(claims.updateAmounts(id, claimed(covered), covered(covered), notes, now))
                  .map(c -> c.withItems(covered)));
        })
        .as(tx::transactional);
  }

  /**
   * One step of the lifecycle. The If-Match version is checked first (412), then the step (409
   * with {@code allowed}), then its input: APPROVED needs {@code approvedAmount} ≤ claimed; REJECTED
   * and ADDITIONAL_INFO_REQUIRED need a reason. SUBMITTED computes the coverage again under the
   * member's enrolment lock, against what the member's other claims used this year.
   */
  Mono<Claim> transition(Caller caller, UUID id, long version, ClaimStatus to, String reason, Long approvedAmount) {
    Instant now = clock.instant();
    return locked(caller, id, version)
        .flatMap(current -> {
          ClaimStatus from = current.status();
          if (!from.canMoveTo(to)) {
            return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION,
                "A " + from + " claim cannot become " + to + "; allowed: " + from.next() + ".",
                Map.of("status", from.name(), "allowed", from.next().stream().map(Enum::name).toList())));
          }
          if (to == ClaimStatus.APPROVED && approvedAmount == null) {
            return Mono.error(Problems.invalid("approvedAmount", "is required to approve"));
          }
          if (to != ClaimStatus.APPROVED && approvedAmount != null) {
            return Mono.error(Problems.invalid("approvedAmount", "is only for APPROVED"));
          }
          if (to == ClaimStatus.APPROVED && approvedAmount > current.claimedAmount()) {
            return Mono.error(Problems.unprocessable("The approved amount " + approvedAmount + " is more than the claimed "
                + current.claimedAmount() + "."));
          }
          if ((to == ClaimStatus.REJECTED || to == ClaimStatus.ADDITIONAL_INFO_REQUIRED) && (reason == null || reason.isBlank())) {
            return Mono.error(Problems.invalid("reason", "is required for " + to));
          }
          Mono<Claim> moved = to == ClaimStatus.SUBMITTED
              ? insurance.lockEnrolment(current.enrolmentId())
                  .then(claims.items(id))
                  .flatMap(items -> coverage(caller.tenantId(), current.planId(), current.enrolmentId(), id, current.serviceDate(),
                      items.stream().map(i -> new CoverageMath.Requested(i.serviceId(), i.amount())).toList()))
                  .flatMap(covered -> claims.replaceItems(id, covered)
                      .then(claims.move(id, from, to, null, covered(covered), now)))
              : claims.move(id, from, to, approvedAmount, null, now);
          return moved.flatMap(updated -> claims.recordHistory(caller.tenantId(), id, from, to, caller.actor(), reason, now)
              .then(insurance.payer(caller.tenantId(), updated.planId()).defaultIfEmpty(""))
              .flatMap(payer -> outbox.append(caller.tenantId(), events(updated, from, reason, payer.isEmpty() ? null : payer)))
              .then(claims.items(id))
              .map(updated::withItems));
        })
        .as(tx::transactional);
  }

  /** The events of one step; the decisions name the plan's payer, so claims can be reported per payer. */
  private static List<ClaimEvent> events(Claim c, ClaimStatus from, String reason, String payer) {
    List<ClaimEvent> events = new ArrayList<>();
    events.add(new ClaimStatusChanged(c.id(), from.name(), c.status().name(), reason));
    switch (c.status()) {
      case SUBMITTED -> events.add(new ClaimSubmitted(c.id(), c.customerId(), c.planId(), c.claimedAmount(), c.expectedCoveredAmount(),
          c.currency(), payer));
      case APPROVED -> events.add(new ClaimApproved(c.id(), c.customerId(), c.planId(), c.approvedAmount(), c.claimedAmount(), c.currency(),
          payer));
      case REJECTED -> events.add(new ClaimRejected(c.id(), c.customerId(), c.planId(), reason, payer));
      default -> { }
    }
    return events;
  }

  /**
   * Pays the claim's invoice with an INSURANCE payment of the approved amount (or the invoice's
   * remaining balance, if smaller). Once per claim.
   */
  Mono<Claim> apply(Caller caller, UUID id) {
    Instant now = clock.instant();
    return claims.lock(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Claim " + id)))
        .flatMap(current -> {
          if (current.status() != ClaimStatus.APPROVED) {
            return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION, "Only an APPROVED claim can be applied; this one is "
                + current.status() + ".", Map.of("status", current.status().name())));
          }
          if (current.paymentId() != null) {
            return Mono.error(new ApiException(ProblemType.DUPLICATE, "Claim " + id + " was applied already, as payment "
                + current.paymentId() + ".", Map.of("paymentId", current.paymentId())));
          }
          if (current.invoiceId() == null) {
            return Mono.error(Problems.unprocessable("Claim " + id + " names no invoice to pay."));
          }
          if (current.approvedAmount() == 0) {
            return Mono.error(Problems.unprocessable("Claim " + id + " was approved for 0; there is nothing to pay."));
          }
          return invoices.get(caller, current.invoiceId())
              .flatMap(invoice -> {
                long payable = Math.min(current.approvedAmount(), invoice.balanceDue() - invoice.amountPending());
                if (payable <= 0) {
                  return Mono.error(Problems.unprocessable("Invoice " + invoice.id() + " has nothing left to pay."));
                }
                return payments.payInsurance(caller, invoice.id(), payable, current.currency());
              })
              .flatMap(payment -> claims.setPayment(id, payment.id(), now))
              .flatMap(c -> claims.items(id).map(c::withItems));
        })
        .as(tx::transactional);
  }

  private Mono<Claim> locked(Caller caller, UUID id, long version) {
    return claims.lock(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Claim " + id)))
        .flatMap(current -> current.version() == version ? Mono.just(current)
            : Mono.error(Versions.stale("Claim " + id, current.version())));
  }

  private static long claimed(List<Claim.Item> items) {
    return items.stream().mapToLong(Claim.Item::amount).sum();
  }

  private static long covered(List<Claim.Item> items) {
    return items.stream().mapToLong(Claim.Item::coveredAmount).sum();
  }

}
