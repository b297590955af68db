package io.bookpay.testsupport;

import io.bookpay.events.DomainEvent;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.events.money.CapturedAfterCancelRefunded;
import io.bookpay.events.money.DisputeClosed;
import io.bookpay.events.money.DisputeOpened;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.InvoiceEvent.InvoiceFacts;
import io.bookpay.events.money.InvoiceEvent.LineFacts;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.InvoicePaid;
import io.bookpay.events.money.InvoiceVoided;
import io.bookpay.events.money.MembershipEnded;
import io.bookpay.events.money.MembershipStarted;
import io.bookpay.events.money.PackagePurchased;
import io.bookpay.events.money.PackageSessionRedeemed;
import io.bookpay.events.money.PaymentCapturedAfterCancel;
import io.bookpay.events.money.PaymentFailed;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.events.tenant.TenantProfileChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A clinic's money around the start of summer time in Europe/Berlin (2026-03-29, 01:00 UTC), as
 * events with chosen times: invoices I1-I10 (I8 in USD), payments by every method (a gift card and
 * an insurer's included), a partial card refund and a full refund onto a gift card, gift cards G0-G2
 * (sold, issued without payment, redeemed, refunded, adjusted), a package, two memberships, two
 * claims, money a processor took after a cancel and sent back, and a failed payment that counts
 * nothing. Several events sit where the Berlin day and the UTC day differ. The expected figures are
 * in the finance tests.
 */
public final class FinanceScript {

  public static final String ZONE = "Europe/Berlin";

  public final UUID tenant;
  public final UUID customer = UUID.randomUUID();
  public final UUID invoice1 = UUID.randomUUID();
  public final UUID invoice2 = UUID.randomUUID();
  public final UUID invoice3 = UUID.randomUUID();
  public final UUID invoice4 = UUID.randomUUID();
  public final UUID invoice5 = UUID.randomUUID();
  public final UUID invoice6 = UUID.randomUUID();
  public final UUID invoice7 = UUID.randomUUID();
  public final UUID invoice8 = UUID.randomUUID();
  public final UUID invoice9 = UUID.randomUUID();
  public final UUID invoice10 = UUID.randomUUID();
  public final UUID booking1 = UUID.randomUUID();
  public final UUID booking2 = UUID.randomUUID();
  public final UUID booking3 = UUID.randomUUID();
  public final UUID service1 = UUID.randomUUID();
  public final UUID service2 = UUID.randomUUID();
  public final UUID provider1 = UUID.randomUUID();
  public final UUID provider2 = UUID.randomUUID();
  public final UUID location = UUID.randomUUID();
  public final UUID giftCard0 = UUID.randomUUID();
  public final UUID giftCard1 = UUID.randomUUID();
  public final UUID giftCard2 = UUID.randomUUID();
  public final UUID purchase = UUID.randomUUID();
  public final UUID membership1 = UUID.randomUUID();
  public final UUID membership2 = UUID.randomUUID();
  public final UUID claim1 = UUID.randomUUID();
  public final UUID claim2 = UUID.randomUUID();

  private final EventEnvelope zone;
  private final List<EventEnvelope> events;
  private final List<EventEnvelope> disputes;

  public FinanceScript(UUID tenant) {
    this.tenant = tenant;
    this.zone = at("2026-03-01T00:00:00Z", new TenantProfileChanged(tenant, "Finance clinic", ZONE, 1));
    this.events = List.copyOf(script());
    this.disputes = disputeScript();
  }

  /** The tenant's zone: applied before the rest, since a zone applies to events applied after it. */
  public EventEnvelope zone() {
    return zone;
  }

  /** The events; the same envelopes (same ids) on every call, so they can be delivered again. */
  public List<EventEnvelope> events() {
    return events;
  }

  /**
   * Card disputes on top of the script (not in {@link #events()}, whose figures other tests expect):
   * I5's card payment disputed on 03-31 and lost at 00:30 CEST on 04-01 (3,000 given back), and a
   * dispute of a card payment of I1 won on 03-31 (no money moved). The same envelopes on every call.
   */
  public List<EventEnvelope> disputes() {
    return disputes;
  }

  private List<EventEnvelope> disputeScript() {
    UUID lostPayment = UUID.randomUUID();
    UUID wonPayment = UUID.randomUUID();
    MoneyFacts lost = money("CARD", 3000, "EUR", Map.of("MEMBERSHIP", 3000L));
    MoneyFacts won = money("CARD", 2000, "EUR", Map.of("SERVICE", 1538L, "PRODUCT", 462L));
    return List.of(
        at("2026-03-31T10:00:00Z", new DisputeOpened(invoice5, lostPayment, "dp_lost", lost, "fraudulent")),
        at("2026-03-31T22:30:00Z", new DisputeClosed(invoice5, lostPayment, "dp_lost", lost, "lost")),
        at("2026-03-30T10:00:00Z", new DisputeOpened(invoice1, wonPayment, "dp_won", won, "product_not_received")),
        at("2026-03-31T10:00:00Z", new DisputeClosed(invoice1, wonPayment, "dp_won", won, "won")));
  }

  private List<EventEnvelope> script() {
    List<EventEnvelope> e = new ArrayList<>();
    e.add(at("2026-03-28T20:00:00Z", new BookingConfirmed(booking(booking1, service1, provider1))));
    e.add(at("2026-03-28T20:00:00Z", new BookingConfirmed(booking(booking2, service2, provider1))));
    e.add(at("2026-03-28T20:00:00Z", new BookingConfirmed(booking(booking3, service1, provider2))));

    // I1: a service and a product for booking 1, finalized 00:30 CET on 03-29 (UTC 03-28), paid cash then card, part refunded.
    e.add(at("2026-03-28T23:30:00Z", new InvoiceIssued(invoice1, invoice("EUR", booking1, 12500, 500, 1000, 13000,
        Instant.parse("2026-04-05T10:00:00Z"), line("SERVICE", 10000), line("PRODUCT", 3000)))));
    e.add(at("2026-03-29T01:30:00Z", paid(invoice1, "CASH", 5000, "EUR", Map.of("SERVICE", 3846L, "PRODUCT", 1154L), null)));
    e.add(at("2026-03-29T22:30:00Z", paid(invoice1, "CARD", 8000, "EUR", Map.of("SERVICE", 6154L, "PRODUCT", 1846L), null))); // 03-30 00:30 CEST
    e.add(at("2026-03-29T22:30:00Z", new InvoicePaid(invoice1, invoice("EUR", booking1, 12500, 500, 1000, 13000, null))));
    e.add(at("2026-03-30T10:00:00Z", new RefundSucceeded(invoice1, UUID.randomUUID(), UUID.randomUUID(),
        money("CARD", 2000, "EUR", Map.of("SERVICE", 1538L, "PRODUCT", 462L)), "goodwill")));
    // Money the processor took after a cancel, sent straight back: never gross, never on the invoice.
    UUID late = UUID.randomUUID();
    UUID lateRefund = UUID.randomUUID();
    e.add(at("2026-03-31T12:00:00Z", new PaymentCapturedAfterCancel(invoice1, late, lateRefund,
        money("CARD", 1500, "EUR", Map.of("SERVICE", 1500L)), "pi_late")));
    e.add(at("2026-03-31T12:01:00Z", new CapturedAfterCancelRefunded(invoice1, lateRefund, late,
        money("CARD", 1500, "EUR", Map.of("SERVICE", 1500L)))));

    // I2 sells gift card G1 (5,000), paid cash on 03-28.
    e.add(at("2026-03-28T10:00:00Z", new InvoiceIssued(invoice2, invoice("EUR", null, 5000, 0, 0, 5000, null, line("GIFT_CARD", 5000)))));
    e.add(at("2026-03-28T10:05:00Z", paid(invoice2, "CASH", 5000, "EUR", Map.of("GIFT_CARD", 5000L), null)));
    e.add(at("2026-03-28T10:05:00Z", new InvoicePaid(invoice2, invoice("EUR", null, 5000, 0, 0, 5000, null))));
    e.add(at("2026-03-28T10:05:00Z", new GiftCardIssued(giftCard1, customer, invoice2, 5000, "EUR", null)));
    e.add(at("2026-02-01T10:00:00Z", new GiftCardIssued(giftCard0, customer, null, 1000, "EUR", null))); // before the range
    e.add(at("2026-03-29T09:00:00Z", new GiftCardIssued(giftCard2, customer, null, 3000, "EUR", null))); // issued without payment
    e.add(at("2026-03-30T12:00:00Z", new GiftCardAdjusted(giftCard2, -500, 2500, "EUR")));

    // I3 for booking 2 paid with G1, the payment then refunded in full back onto the card.
    UUID cardPayment = UUID.randomUUID();
    e.add(at("2026-03-29T10:00:00Z", new InvoiceIssued(invoice3, invoice("EUR", booking2, 4000, 0, 0, 4000, null, line("SERVICE", 4000)))));
    e.add(at("2026-03-29T11:00:00Z", new PaymentSucceeded(invoice3, cardPayment, money("GIFT_CARD", 4000, "EUR", Map.of("SERVICE", 4000L)),
        giftCard1, null)));
    e.add(at("2026-03-29T11:00:00Z", new GiftCardRedeemed(giftCard1, invoice3, cardPayment, 4000, 1000, "EUR")));
    e.add(at("2026-03-29T11:00:00Z", new InvoicePaid(invoice3, invoice("EUR", booking2, 4000, 0, 0, 4000, null))));
    UUID cardRefund = UUID.randomUUID();
    e.add(at("2026-03-31T09:00:00Z", new RefundSucceeded(invoice3, cardRefund, cardPayment,
        money("GIFT_CARD", 4000, "EUR", Map.of("SERVICE", 4000L)), "changed mind")));
    e.add(at("2026-03-31T09:00:00Z", new GiftCardRefunded(giftCard1, invoice3, cardPayment, cardRefund, 4000, 5000, "EUR")));

    // I4 sells a package of five sessions, paid by bank transfer; one session used.
    e.add(at("2026-03-30T08:00:00Z", new InvoiceIssued(invoice4, invoice("EUR", null, 20000, 0, 0, 20000, null, line("PACKAGE", 20000)))));
    e.add(at("2026-03-30T08:10:00Z", paid(invoice4, "EXTERNAL", 20000, "EUR", Map.of("PACKAGE", 20000L), null)));
    e.add(at("2026-03-30T08:10:00Z", new PackagePurchased(purchase, UUID.randomUUID(), customer, invoice4, service1, 5, 20000, "EUR")));
    e.add(at("2026-03-31T09:00:00Z", new PackageSessionRedeemed(purchase, booking1, customer, 4)));

    // I5 sells a monthly membership (3,000 a month) on 03-31; a yearly one (12,000) ran from 03-28 and ended on 03-30.
    e.add(at("2026-03-31T08:00:00Z", new InvoiceIssued(invoice5, invoice("EUR", null, 3000, 0, 0, 3000, null, line("MEMBERSHIP", 3000)))));
    e.add(at("2026-03-31T08:05:00Z", paid(invoice5, "CARD", 3000, "EUR", Map.of("MEMBERSHIP", 3000L), null)));
    e.add(at("2026-03-31T08:05:00Z", new MembershipStarted(membership1, UUID.randomUUID(), customer, invoice5, 3000, "EUR", "MONTH",
        Instant.parse("2026-03-31T08:05:00Z"), Instant.parse("2026-04-30T08:05:00Z"))));
    e.add(at("2026-03-28T12:00:00Z", new MembershipStarted(membership2, UUID.randomUUID(), customer, UUID.randomUUID(), 12000, "EUR", "YEAR",
        Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2027-03-28T12:00:00Z"))));
    e.add(at("2026-03-30T15:00:00Z", new MembershipEnded(membership2, UUID.randomUUID(), customer, Instant.parse("2026-03-30T15:00:00Z"),
        "cancelled")));

    // I6 for booking 3, no due date: claim 1 to Acme Health approved for 7,000 and applied; 3,000 stays open.
    e.add(at("2026-03-29T08:00:00Z", new InvoiceIssued(invoice6, invoice("EUR", booking3, 10000, 0, 0, 10000, null, line("SERVICE", 10000)))));
    e.add(at("2026-03-29T08:10:00Z", new ClaimCreated(claim1, customer, UUID.randomUUID(), booking3, invoice6, LocalDate.of(2026, 3, 29),
        10000, 8000, "EUR")));
    e.add(at("2026-03-29T08:20:00Z", new ClaimSubmitted(claim1, customer, UUID.randomUUID(), 10000, 8000, "EUR", "Acme Health")));
    e.add(at("2026-03-30T09:00:00Z", new ClaimApproved(claim1, customer, UUID.randomUUID(), 7000, 10000, "EUR", "Acme Health")));
    e.add(at("2026-03-30T09:05:00Z", paid(invoice6, "INSURANCE", 7000, "EUR", Map.of("SERVICE", 7000L), null)));
    e.add(at("2026-03-30T09:30:00Z", new PaymentFailed(invoice6, UUID.randomUUID(), money("CARD", 999, "EUR", Map.of("SERVICE", 999L)),
        "declined")));
    // Claim 2 to Beta Insure, rejected.
    e.add(at("2026-03-30T09:50:00Z", new ClaimCreated(claim2, customer, UUID.randomUUID(), null, null, LocalDate.of(2026, 3, 30), 5000, 4000,
        "EUR")));
    e.add(at("2026-03-30T10:00:00Z", new ClaimSubmitted(claim2, customer, UUID.randomUUID(), 5000, 4000, "EUR", "Beta Insure")));
    e.add(at("2026-03-31T10:00:00Z", new ClaimRejected(claim2, customer, UUID.randomUUID(), "not covered", "Beta Insure")));

    // I7 finalized on 03-28 and voided on 03-30.
    e.add(at("2026-03-28T09:00:00Z", new InvoiceIssued(invoice7, invoice("EUR", null, 2500, 0, 0, 2500, null, line("PRODUCT", 2500)))));
    e.add(at("2026-03-30T09:00:00Z", new InvoiceVoided(invoice7, invoice("EUR", null, 2500, 0, 0, 2500, null), "mistake")));

    // I8 in dollars.
    e.add(at("2026-03-29T12:00:00Z", new InvoiceIssued(invoice8, invoice("USD", null, 1000, 0, 0, 1000, null, line("SERVICE", 1000)))));
    e.add(at("2026-03-29T12:05:00Z", paid(invoice8, "CASH", 1000, "USD", Map.of("SERVICE", 1000L), null)));

    // Old receivables: I9 fell due on 01-20 (unpaid); I10 (no due date) finalized 2025-11-01, 1,000 of 6,000 paid.
    e.add(at("2026-01-10T10:00:00Z", new InvoiceIssued(invoice9, invoice("EUR", null, 4000, 0, 0, 4000, Instant.parse("2026-01-20T10:00:00Z"),
        line("SERVICE", 4000)))));
    e.add(at("2025-11-01T10:00:00Z", new InvoiceIssued(invoice10, invoice("EUR", null, 6000, 0, 0, 6000, null, line("PRODUCT", 6000)))));
    e.add(at("2025-11-02T10:00:00Z", paid(invoice10, "CASH", 1000, "EUR", Map.of("PRODUCT", 1000L), null)));
    return e;
  }

  private PaymentSucceeded paid(UUID invoice, String method, long amount, String currency, Map<String, Long> byKind, UUID giftCard) {
    return new PaymentSucceeded(invoice, UUID.randomUUID(), money(method, amount, currency, byKind), giftCard, null);
  }

  private MoneyFacts money(String method, long amount, String currency, Map<String, Long> byKind) {
    return new MoneyFacts(customer, method, amount, currency, List.copyOf(byKind.keySet()), new LinkedHashMap<>(byKind));
  }

  private InvoiceFacts invoice(String currency, UUID booking, long subtotal, long discount, long tax, long total, Instant dueAt,
      LineFacts... lines) {
    return new InvoiceFacts(customer, booking, currency, subtotal, discount, tax, total, 0, 0, total, dueAt, List.of(lines));
  }

  private static LineFacts line(String kind, long amount) {
    return new LineFacts(kind, kind.toLowerCase(java.util.Locale.ROOT), 1, amount, amount, 0, 0, null);
  }

  private BookingFacts booking(UUID booking, UUID service, UUID provider) {
    Instant start = Instant.parse("2026-03-29T08:00:00Z");
    return new BookingFacts(booking, provider, service, customer, location, start, start.plusSeconds(1800), 10000, "EUR");
  }

  private EventEnvelope at(String instant, DomainEvent event) {
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.parse(instant), event);
  }
}
