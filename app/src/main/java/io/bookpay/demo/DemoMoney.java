package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.invoice.LineKind;
import io.bookpay.invoice.NewInvoice;
import io.bookpay.giftcard.IssuedGiftCard;
import io.bookpay.payment.Payment;
import io.bookpay.payment.PaymentMethod;
import io.bookpay.payment.PaymentService;
import io.bookpay.payment.PaymentStatus;
import io.bookpay.payment.Refund;
import io.bookpay.sales.Membership;
import io.bookpay.sales.PackagePurchase;
import io.bookpay.sales.PlanService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The clinic's money: invoices for visits and sales, payments by every method, refunds, gift cards
 * sold and spent, packages and memberships. Card payments go to the configured (simulated)
 * gateway, and the seeder then gives the processor's answer itself, as the simulator's webhook
 * would, so they settle at the seeded time rather than whenever a webhook lands.
 */
@Component
class DemoMoney {

  private static final String USD = DemoCatalog.CURRENCY;

  private final InvoiceService invoices;
  private final PaymentService payments;
  private final PlanService plans;

  DemoMoney(InvoiceService invoices, PaymentService payments, PlanService plans) {
    this.invoices = invoices;
    this.payments = payments;
    this.plans = plans;
  }

  /** The visit's invoice, finalized, and paid as planned. */
  void bill(DemoRun run, DemoPlan.Visit v) {
    DemoRun.Booked b = run.of(v);
    List<NewInvoice.Line> lines = v.product
        ? List.of(service(run, v), new NewInvoice.Line(LineKind.PRODUCT, "Recovery balm", 1, 1_800L, new BigDecimal("8.875"), null))
        : List.of(service(run, v));
    Invoice invoice = open(run, new NewInvoice(run.customers.get(v.customer), b.bookingId, USD, lines, v.coupon ? DemoSetup.COUPON : null,
        v.end.plus(Duration.ofDays(14))));
    b.invoiceId = invoice.id();
    long due = invoice.balanceDue();
    switch (v.pay) {
      case CARD -> b.paymentId = card(run, invoice.id(), due).id();
      case CASH -> b.paymentId = pay(run, invoice.id(), PaymentMethod.CASH, due).id();
      case EXTERNAL -> b.paymentId = pay(run, invoice.id(), PaymentMethod.EXTERNAL, due).id();
      case GIFT_CARD -> giftCard(run, invoice.id(), due);
      case CARD_AND_CASH -> {
        card(run, invoice.id(), due / 2);
        pay(run, invoice.id(), PaymentMethod.CASH, due - due / 2);
      }
      case UNPAID -> run.count("invoices.unpaid");
      case PARTIAL -> pay(run, invoice.id(), PaymentMethod.CASH, due * 40 / 100);
    }
    run.count("invoices");
  }

  private static NewInvoice.Line service(DemoRun run, DemoPlan.Visit v) {
    DemoCatalog.Treatment t = DemoCatalog.TREATMENTS.get(v.treatment);
    return new NewInvoice.Line(LineKind.SERVICE, t.name(), 1, t.price(), BigDecimal.ZERO, run.services.get(v.treatment).id());
  }

  /** A claim's visit: its invoice, open for the payer and the client. */
  Invoice claimInvoice(DemoRun run, DemoPlan.Visit v) {
    Invoice invoice = open(run, new NewInvoice(run.customers.get(v.customer), run.of(v).bookingId, USD, List.of(service(run, v)), null,
        v.end.plus(Duration.ofDays(30))));
    run.of(v).invoiceId = invoice.id();
    run.count("invoices");
    return invoice;
  }

  /** What the client still owes on the invoice, paid in cash. */
  void settleRest(DemoRun run, UUID invoiceId) {
    Invoice invoice = await(invoices.get(run.caller, invoiceId));
    long rest = invoice.balanceDue() - invoice.amountPending();
    if (rest > 0) {
      pay(run, invoiceId, PaymentMethod.CASH, rest);
    }
  }

  /** Part (30 %) or all of the visit's payment back to the client. */
  void refund(DemoRun run, DemoPlan.Visit v) {
    UUID paymentId = run.of(v).paymentId;
    if (paymentId == null) {
      return;
    }
    Payment p = await(payments.get(run.caller, paymentId));
    boolean full = v.refund == DemoPlan.RefundKind.FULL;
    long amount = full ? p.amount() : p.amount() * 30 / 100;
    Refund refund = await(payments.refund(run.caller, paymentId, amount, USD, full ? "Treatment not given as booked" : "Goodwill"));
    if (refund.status() == PaymentStatus.PENDING) {
      Refund sent = await(payments.getRefund(run.caller, refund.id()));
      await(payments.settleRefund(run.caller.tenantId(), refund.id(), true, sent.gatewayReference(), null));
    }
    run.count(full ? "refunds.full" : "refunds.partial");
  }

  void sellGiftCard(DemoRun run, int customer, long amount, boolean byCard) {
    Invoice invoice = open(run, new NewInvoice(run.customers.get(customer), null, USD,
        List.of(new NewInvoice.Line(LineKind.GIFT_CARD, "Gift card", 1, amount, null, null)), null, null));
    if (byCard) {
      card(run, invoice.id(), invoice.balanceDue());
    } else {
      pay(run, invoice.id(), PaymentMethod.CASH, invoice.balanceDue());
    }
    for (IssuedGiftCard card : invoice.giftCards()) {
      run.cards.add(new DemoRun.Card(card.code(), card.amount()));
    }
    run.count("invoices");
    run.count("giftCards.sold");
  }

  void sellPackage(DemoRun run, int customer, int which, boolean byCard) {
    UUID definition = run.packages.get(which);
    long price = which == 0 ? 50_000 : 27_000;
    Invoice invoice = open(run, new NewInvoice(run.customers.get(customer), null, USD,
        List.of(new NewInvoice.Line(LineKind.PACKAGE, which == 0 ? "Physio 5-pack" : "Massage 3-pack", 1, price, null, definition)), null,
        null));
    if (byCard) {
      card(run, invoice.id(), invoice.balanceDue());
    } else {
      pay(run, invoice.id(), PaymentMethod.CASH, invoice.balanceDue());
    }
    PackagePurchase purchase = await(plans.purchases(run.caller, run.customers.get(customer))
        .filter(p -> p.invoiceId().equals(invoice.id())).next());
    run.bought.put(customer, new DemoRun.Bought(purchase.id(), which == 0 ? 2 : 3, purchase.sessionsRemaining()));
    run.count("invoices");
    run.count("packages.sold");
  }

  void sellMembership(DemoRun run, int customer, int tier, boolean byCard) {
    Invoice invoice = open(run, new NewInvoice(run.customers.get(customer), null, USD,
        List.of(new NewInvoice.Line(LineKind.MEMBERSHIP, tier == 0 ? "Wellness (month)" : "Wellness Plus (month)", 1,
            tier == 0 ? 4_900L : 9_900L, null, run.tiers.get(tier))), null, null));
    if (byCard) {
      card(run, invoice.id(), invoice.balanceDue());
    } else {
      pay(run, invoice.id(), PaymentMethod.EXTERNAL, invoice.balanceDue());
    }
    run.count("invoices");
    run.count("memberships.sold");
  }

  void endMembership(DemoRun run, int customer) {
    Membership membership = await(plans.memberships(run.caller, run.customers.get(customer)).next());
    await(plans.end(run.caller, membership.id(), "Moved away"));
    run.count("memberships.ended");
  }

  /** Uses a session of the client's package for the visit, if the client holds one for its service. */
  boolean redeemPackage(DemoRun run, DemoPlan.Visit v) {
    DemoRun.Bought bought = run.bought.get(v.customer);
    if (bought == null || bought.treatment != v.treatment || bought.left == 0) {
      return false;
    }
    await(plans.redeem(run.caller, bought.purchaseId, run.of(v).bookingId));
    bought.left--;
    run.count("packages.sessionsUsed");
    return true;
  }

  private Invoice open(DemoRun run, NewInvoice draft) {
    Invoice created = await(invoices.create(run.caller, draft));
    return await(invoices.finalize(run.caller, created.id(), null));
  }

  private Payment pay(DemoRun run, UUID invoiceId, PaymentMethod method, long amount) {
    run.count("payments." + method);
    return await(payments.pay(run.caller, invoiceId, method, amount, USD, null));
  }

  /** A card payment, then the processor's answer (the simulator's reference), at the seeded time. */
  private Payment card(DemoRun run, UUID invoiceId, long amount) {
    Payment sent = await(payments.pay(run.caller, invoiceId, PaymentMethod.CARD, amount, USD, null));
    run.count("payments.CARD");
    if (sent.status() != PaymentStatus.PENDING) {
      return sent;
    }
    Payment known = await(payments.get(run.caller, sent.id()));
    return await(payments.settleCharge(run.caller.tenantId(), sent.id(), true, known.gatewayReference(), null));
  }

  /** Spends the first gift card with money on it; what it does not cover is paid in cash. */
  private void giftCard(DemoRun run, UUID invoiceId, long due) {
    long rest = due;
    for (DemoRun.Card card : run.cards) {
      if (card.balance > 0 && rest > 0) {
        long take = Math.min(card.balance, rest);
        await(payments.pay(run.caller, invoiceId, PaymentMethod.GIFT_CARD, take, USD, card.code));
        run.count("payments.GIFT_CARD");
        run.count("giftCards.redemptions");
        card.balance -= take;
        rest -= take;
        break;
      }
    }
    if (rest > 0) {
      pay(run, invoiceId, PaymentMethod.CASH, rest);
    }
  }
}
