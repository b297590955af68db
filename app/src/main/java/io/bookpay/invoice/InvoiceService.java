package io.bookpay.invoice;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.BookingStatus;
import io.bookpay.catalog.CatalogService;
import io.bookpay.customer.CustomerService;
import io.bookpay.giftcard.GiftCardService;
import io.bookpay.outbox.Changed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import io.bookpay.sales.Coupon;
import io.bookpay.sales.CouponService;
import io.bookpay.sales.PlanService;
import io.bookpay.sales.Sale;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Invoices: drafted with their prices and coupon, finalized (OPEN), PAID when the balance reaches
 * zero (which delivers what they sold), or voided while nothing is paid. A coupon is taken when the
 * draft is made, under the coupon's row lock, so its limits hold exactly under concurrency.
 */
@Service
public class InvoiceService {

  private final InvoiceRepository invoices;
  private final CouponService coupons;
  private final CustomerService customers;
  private final BookingService bookings;
  private final CatalogService catalog;
  private final PlanService plans;
  private final GiftCardService giftCards;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;

  InvoiceService(InvoiceRepository invoices, CouponService coupons, CustomerService customers, BookingService bookings,
      CatalogService catalog, PlanService plans, GiftCardService giftCards, Outbox outbox, TransactionalOperator tx, Ids ids,
      Clock clock) {
    this.invoices = invoices;
    this.coupons = coupons;
    this.customers = customers;
    this.bookings = bookings;
    this.catalog = catalog;
    this.plans = plans;
    this.giftCards = giftCards;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<Invoice> create(Caller caller, NewInvoice request) {
    String currency = Currencies.check("currency", request.currency());
    List<NewInvoice.Line> lines = request.lineItems();
    for (int i = 0; i < lines.size(); i++) {
      NewInvoice.Line line = lines.get(i);
      boolean needsRef = line.kind() == LineKind.PACKAGE || line.kind() == LineKind.MEMBERSHIP;
      if (needsRef && line.refId() == null) {
        throw Problems.invalid("lineItems[" + i + "].refId", "is required for a " + line.kind() + " line");
      }
      if (line.kind() == LineKind.GIFT_CARD && line.unitAmount() == 0) {
        throw Problems.invalid("lineItems[" + i + "].unitAmount", "must be the gift card's value, above zero");
      }
    }
    Mono<Void> references = Problems.referenced(customers.get(caller, request.customerId()), "Customer " + request.customerId())
        .then(request.bookingId() == null ? Mono.empty()
            : Problems.referenced(bookings.get(caller, request.bookingId()), "Booking " + request.bookingId())
                .flatMap(b -> b.customerId().equals(request.customerId()) ? Mono.<Void>empty()
                    : Mono.error(Problems.unprocessable("Booking " + b.id() + " belongs to another customer."))))
        .then(Flux.range(0, lines.size()).concatMap(i -> checkLine(caller.tenantId(), lines.get(i), i, currency)).then());
    List<InvoiceMath.Line> priced = lines.stream()
        .map(l -> new InvoiceMath.Line(l.kind(), l.description().strip(), l.quantity(), l.unitAmount(),
            l.taxRate() == null ? BigDecimal.ZERO : l.taxRate().stripTrailingZeros(), l.refId()))
        .toList();
    return references.then(draft(caller, request.customerId(), request.bookingId(), currency, priced, request.couponCode(),
        request.dueAt()));
  }

  /** 422 unless a PACKAGE or MEMBERSHIP line's refId names a definition sold now in the invoice's currency. */
  private Mono<Void> checkLine(UUID tenantId, NewInvoice.Line line, int index, String currency) {
    String field = "lineItems[" + index + "].refId";
    return switch (line.kind()) {
      case PACKAGE -> plans.checkPackage(tenantId, line.refId(), field, currency);
      case MEMBERSHIP -> plans.checkTier(tenantId, line.refId(), field, currency);
      default -> Mono.empty();
    };
  }

  /** The draft invoice of a CONFIRMED or COMPLETED booking: one SERVICE line at the booking's price. 409 if it has a live one. */
  public Mono<Invoice> createForBooking(Caller caller, UUID bookingId, String couponCode, BigDecimal taxRate, Instant dueAt) {
    return bookings.get(caller, bookingId)
        .flatMap(booking -> {
          if (booking.status() != BookingStatus.CONFIRMED && booking.status() != BookingStatus.COMPLETED) {
            return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION,
                "Only a CONFIRMED or COMPLETED booking is invoiced; this one is " + booking.status() + ".",
                Map.of("status", booking.status().name())));
          }
          return invoices.findLiveForBooking(bookingId)
              .flatMap(existing -> Mono.<Booking>error(new ApiException(ProblemType.DUPLICATE,
                  "Booking " + bookingId + " already has invoice " + existing.id() + ".", Map.of("invoiceId", existing.id()))))
              .then(catalog.offering(caller.tenantId(), booking.serviceId()))
              .flatMap(service -> draft(caller, booking.customerId(), bookingId, booking.currency(),
                  List.of(new InvoiceMath.Line(LineKind.SERVICE, service.name(), 1, booking.priceAmount(),
                      taxRate == null ? BigDecimal.ZERO : taxRate.stripTrailingZeros(), service.id())),
                  couponCode, dueAt));
        })
        .onErrorMap(e -> SqlStates.is(e, SqlStates.UNIQUE_VIOLATION),
            e -> new ApiException(ProblemType.DUPLICATE, "Booking " + bookingId + " already has an invoice."));
  }

  private Mono<Invoice> draft(Caller caller, UUID customerId, UUID bookingId, String currency, List<InvoiceMath.Line> lines,
      String couponCode, Instant dueAt) {
    Instant now = clock.instant();
    Mono<Coupon> coupon = couponCode == null || couponCode.isBlank() ? Mono.empty()
        : coupons.usable(caller.tenantId(), couponCode, currency, now);
    return coupon.map(Optional::of).defaultIfEmpty(Optional.empty())
        .flatMap(found -> Mono.defer(() -> {
          Coupon c = found.orElse(null);
          InvoiceMath.Totals totals = InvoiceMath.price(lines, c);
          Invoice invoice = new Invoice(ids.next(), caller.tenantId(), customerId, bookingId, currency, InvoiceStatus.DRAFT, "NONE",
              c == null ? null : c.id(), totals.lines(), totals.subtotal(), totals.discount(), totals.tax(), totals.total(), 0, 0, 0,
              totals.total(), dueAt == null ? null : dueAt.truncatedTo(ChronoUnit.MICROS), 0, now, now, null, null, null, null);
          Mono<Void> redemption = c == null ? Mono.empty()
              : coupons.takeRedemption(c, invoice.id(), customerId, invoice.discount(), currency);
          return redemption
              .then(invoices.insert(invoice, caller.apiKeyId()))
              .then(c == null ? Mono.empty() : coupons.recordRedemption(c.id(), invoice.id(), customerId, totals.discount(), now))
              .then(invoices.find(caller.tenantId(), invoice.id()))
              .map(saved -> saved.withLines(totals.lines()))
              .as(tx::transactional);
        }));
  }

  public Mono<Invoice> get(Caller caller, UUID id) {
    return invoices.find(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + id)))
        .flatMap(this::withLines);
  }

  Mono<Invoice> withLines(Invoice invoice) {
    return invoices.lines(invoice.id()).map(invoice::withLines);
  }

  public Flux<Invoice> page(Caller caller, UUID customerId, InvoiceStatus status, UUID after, int limit) {
    return invoices.page(caller.tenantId(), customerId, status, after, limit).collectList()
        .flatMapMany(page -> page.isEmpty() ? Flux.<Invoice>empty()
            : invoices.lines(page.stream().map(Invoice::id).toList())
                .flatMapIterable(lines -> page.stream().map(i -> i.withLines(lines.getOrDefault(i.id(), List.of()))).toList()));
  }

  /** DRAFT → OPEN; GIFT_CARD lines get their (PENDING) cards, whose codes this response shows once. A zero total is PAID at once. */
  public Mono<Invoice> finalize(Caller caller, UUID id, Long expectedVersion) {
    Instant now = clock.instant();
    return lockForChange(caller, id, expectedVersion, InvoiceStatus.OPEN, "finalized")
        .flatMap(this::withLines)
        .flatMap(current -> {
          Changed<Invoice> issued = current.issue(now);
          return write(current, issued)
              .flatMap(open -> giftCards.issuePending(open.tenantId(), open.customerId(), id, open.currency(),
                      giftCardValues(open.lineItems()), now)
                  .flatMap(cards -> outbox.append(caller.tenantId(), issued.events())
                      .then(open.total() == 0 ? markPaid(open, now).flatMap(this::announce) : Mono.just(open))
                      .map(result -> cards.isEmpty() ? result : result.withGiftCards(cards))));
        })
        .as(tx::transactional);
  }

  /** DRAFT or OPEN with nothing paid or pending → VOID; its coupon redemption is given back. */
  public Mono<Invoice> voidInvoice(Caller caller, UUID id, String reason, Long expectedVersion) {
    Instant now = clock.instant();
    return invoices.lock(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + id)))
        .flatMap(current -> {
          checkVersion(current, expectedVersion);
          if (!current.status().canMoveTo(InvoiceStatus.VOID)) {
            return Mono.error(invalidTransition(current, "voided"));
          }
          if (current.amountPaid() > 0 || current.amountPending() > 0) {
            return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION,
                "Invoice " + id + " has payments (" + current.amountPaid() + " paid, " + current.amountPending()
                    + " pending); refund them instead of voiding.", Map.of("status", current.status().name())));
          }
          return withLines(current).flatMap(full -> {
            Changed<Invoice> voided = full.voidFor(reason, now);
            return write(full, voided)
                .flatMap(stored -> (stored.couponId() == null ? Mono.<Void>empty() : coupons.release(stored.couponId(), id))
                    .then(giftCards.voidFor(id))
                    .then(outbox.append(caller.tenantId(), voided.events()))
                    .thenReturn(stored));
          });
        })
        .as(tx::transactional);
  }

  /** The face value of each gift card the lines sell, in line order: {@code quantity} cards per GIFT_CARD line. */
  private static List<Long> giftCardValues(List<LineItem> lines) {
    return lines.stream().filter(l -> l.kind() == LineKind.GIFT_CARD)
        .flatMap(l -> Collections.nCopies(l.quantity(), l.unitAmount()).stream()).toList();
  }

  private Mono<Invoice> lockForChange(Caller caller, UUID id, Long expectedVersion, InvoiceStatus target, String verb) {
    return invoices.lock(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + id)))
        .flatMap(current -> {
          checkVersion(current, expectedVersion);
          return current.status().canMoveTo(target) ? Mono.just(current) : Mono.error(invalidTransition(current, verb));
        });
  }

  /**
   * Marks an invoice whose balance reached zero PAID and delivers what it sold, in the caller's
   * transaction (which holds the invoice's lock). Returns the paid invoice (with its lines) and its
   * InvoicePaid, which the caller appends once it has done its own part of the payment (a payment
   * takes back what earlier refunds reversed first).
   */
  public Mono<Changed<Invoice>> markPaid(Invoice invoice, Instant now) {
    return withLines(invoice).flatMap(current -> {
      Changed<Invoice> paid = current.markPaid(now);
      return write(current, paid)
          .flatMap(stored -> deliver(stored, now)
              .then(giftCards.activateFor(stored.id(), now))
              .thenReturn(new Changed<>(stored, paid.events())));
    });
  }

  /** Writes the status change an invoice method decided, conditional on the old status; emits the invoice as stored, with its lines. */
  private Mono<Invoice> write(Invoice current, Changed<Invoice> change) {
    return invoices.setStatus(current.id(), current.status(), change.state().status(), change.state().updatedAt())
        .map(stored -> stored.withLines(current.lineItems()));
  }

  /** Appends the events of a change the caller has written; emits the changed invoice. */
  private Mono<Invoice> announce(Changed<Invoice> change) {
    return outbox.append(change.state().tenantId(), change.events()).thenReturn(change.state());
  }

  /** The invoice, read without a lock (its lines and currency never change once it is finalized); empty if unknown. */
  public Mono<Invoice> find(UUID tenantId, UUID id) {
    return invoices.find(tenantId, id);
  }

  /**
   * Locks the invoice for the rest of the caller's transaction: every change of its amounts (a
   * payment, a refund) takes this lock first, then the payment's, then a gift card's. Empty if unknown.
   */
  public Mono<Invoice> lock(UUID tenantId, UUID id) {
    return invoices.lock(tenantId, id);
  }

  /** An invoice's lines, in position order. */
  public Mono<List<LineItem>> lines(UUID invoiceId) {
    return invoices.lines(invoiceId);
  }

  /**
   * Adds to (or, negative, takes from) the paid, pending and refunded amounts, under the lock the
   * caller holds; the table's checks refuse any result that over-pays or over-refunds.
   */
  public Mono<Invoice> addAmounts(UUID id, long paid, long pending, long refunded, Instant now) {
    return invoices.addAmounts(id, paid, pending, refunded, now);
  }

  /** Delivers the packages and memberships a paid invoice sold, in line order. */
  private Mono<Void> deliver(Invoice paid, Instant now) {
    Sale sale = new Sale(paid.tenantId(), paid.customerId(), paid.id(), paid.currency());
    return Flux.fromIterable(paid.lineItems())
        .concatMap(line -> switch (line.kind()) {
          case PACKAGE -> plans.deliverPackage(sale, line.refId(), line.quantity(), line.amount() - line.discount(), now);
          case MEMBERSHIP -> plans.startMembership(sale, line.refId(), line.quantity(), line.unitAmount(), now);
          default -> Mono.<Void>empty();
        })
        .then();
  }

  private static void checkVersion(Invoice current, Long expected) {
    if (expected != null && expected != current.version()) {
      throw Versions.stale("Invoice " + current.id(), current.version());
    }
  }

  private static ApiException invalidTransition(Invoice current, String verb) {
    return new ApiException(ProblemType.INVALID_TRANSITION,
        "A " + current.status() + " invoice cannot be " + verb + ".", Map.of("status", current.status().name()));
  }
}
