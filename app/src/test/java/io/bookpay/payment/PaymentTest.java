package io.bookpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.events.money.CapturedAfterCancelRefundFailed;
import io.bookpay.events.money.CapturedAfterCancelRefunded;
import io.bookpay.events.money.PaymentCanceled;
import io.bookpay.events.money.PaymentCapturedAfterCancel;
import io.bookpay.events.money.PaymentFailed;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundFailed;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceStatus;
import io.bookpay.invoice.LineItem;
import io.bookpay.invoice.LineKind;
import io.bookpay.outbox.Changed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Payments' and refunds' moves return the moved record and the event that announces it; no database. */
class PaymentTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final List<LineItem> LINES = List.of(
      new LineItem(LineKind.SERVICE, "Facial", 1, 6_000, 6_000, 0, BigDecimal.ZERO, 0, null),
      new LineItem(LineKind.GIFT_CARD, "Card", 1, 4_000, 4_000, 0, BigDecimal.ZERO, 0, null));
  private static final Invoice INVOICE = new Invoice(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, "USD",
      InvoiceStatus.OPEN, "NONE", null, LINES, 10_000, 0, 0, 10_000, 0, 10_000, 0, 10_000, null, 1, NOW, NOW, NOW, null, null, null);

  private static Payment payment(PaymentMethod method, PaymentStatus status, String reference) {
    return new Payment(UUID.randomUUID(), INVOICE.tenantId(), INVOICE.id(), method, status, 10_000, "USD", 0, 0, null, reference, null,
        null, null, null, NOW, NOW);
  }

  private static Refund refund(Payment payment, PaymentStatus status) {
    return new Refund(UUID.randomUUID(), payment.tenantId(), payment.id(), INVOICE.id(), status, 2_500, "USD", "unhappy", null, null, 0,
        NOW, NOW);
  }

  @Test
  void aCardSuccessKeepsTheFirstReferenceAndAnnouncesTheMoneyAndWhatItPaidFor() {
    Payment pending = payment(PaymentMethod.CARD, PaymentStatus.PENDING, "pi_first");
    Changed<Payment> moved = pending.moveTo(PaymentStatus.SUCCEEDED, "pi_second", "ignored", INVOICE, LINES, NOW.plusSeconds(5));
    assertThat(moved.state().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(moved.state().gatewayReference()).isEqualTo("pi_first");
    assertThat(moved.state().failureReason()).isNull();
    assertThat(moved.state().updatedAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(moved.events()).singleElement().isInstanceOfSatisfying(PaymentSucceeded.class, e -> {
      assertThat(e.paymentId()).isEqualTo(pending.id());
      assertThat(e.gatewayReference()).isEqualTo("pi_first");
      assertThat(e.payment().method()).isEqualTo("CARD");
      assertThat(e.payment().amount()).isEqualTo(10_000);
      assertThat(e.payment().customerId()).isEqualTo(INVOICE.customerId());
      assertThat(e.payment().lineItemKinds()).containsExactly("SERVICE", "GIFT_CARD");
      assertThat(e.payment().byLineKind()).containsExactly(Map.entry("SERVICE", 6_000L), Map.entry("GIFT_CARD", 4_000L));
    });
    assertThat(payment(PaymentMethod.CARD, PaymentStatus.PENDING, null)
        .moveTo(PaymentStatus.SUCCEEDED, "pi_late", null, INVOICE, LINES, NOW).state().gatewayReference()).isEqualTo("pi_late");
  }

  @Test
  void failuresAndCancelsAnnounceThemselvesAndOnlyFailuresKeepAReason() {
    Changed<Payment> failed = payment(PaymentMethod.CARD, PaymentStatus.PENDING, null)
        .moveTo(PaymentStatus.FAILED, "pi_1", "card_declined", INVOICE, LINES, NOW);
    assertThat(failed.state().failureReason()).isEqualTo("card_declined");
    assertThat(failed.events()).singleElement().isInstanceOfSatisfying(PaymentFailed.class,
        e -> assertThat(e.reason()).isEqualTo("card_declined"));
    Changed<Payment> canceled = payment(PaymentMethod.CARD, PaymentStatus.PENDING, null)
        .moveTo(PaymentStatus.CANCELED, null, null, INVOICE, LINES, NOW);
    assertThat(canceled.state().status()).isEqualTo(PaymentStatus.CANCELED);
    assertThat(canceled.events()).singleElement().isInstanceOf(PaymentCanceled.class);
    assertThatThrownBy(() -> payment(PaymentMethod.CARD, PaymentStatus.SUCCEEDED, null)
        .moveTo(PaymentStatus.FAILED, null, "late", INVOICE, LINES, NOW)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRecordedPaymentIsAnnouncedOnlyOnceItHasTakenTheMoney() {
    assertThat(payment(PaymentMethod.CASH, PaymentStatus.SUCCEEDED, null).recorded(INVOICE, LINES).events())
        .singleElement().isInstanceOf(PaymentSucceeded.class);
    assertThat(payment(PaymentMethod.CARD, PaymentStatus.PENDING, null).recorded(INVOICE, LINES).events()).isEmpty();
  }

  @Test
  void refundsAnnounceTheirOutcomeAndACanceledPaymentsLateCaptureHasItsOwnEvents() {
    Payment taken = payment(PaymentMethod.CARD, PaymentStatus.SUCCEEDED, "pi_1");
    Changed<Refund> succeeded = refund(taken, PaymentStatus.PENDING).moveTo(PaymentStatus.SUCCEEDED, "re_1", null, taken, INVOICE, LINES,
        NOW);
    assertThat(succeeded.state().gatewayReference()).isEqualTo("re_1");
    assertThat(succeeded.events()).singleElement().isInstanceOfSatisfying(RefundSucceeded.class, e -> {
      assertThat(e.refund().amount()).isEqualTo(2_500);
      // 2,500 over totals 6,000 and 4,000.
      assertThat(e.refund().byLineKind()).containsExactly(Map.entry("SERVICE", 1_500L), Map.entry("GIFT_CARD", 1_000L));
      assertThat(e.reason()).isEqualTo("unhappy");
    });
    assertThat(refund(taken, PaymentStatus.PENDING).moveTo(PaymentStatus.FAILED, "re_1", "expired_card", taken, INVOICE, LINES, NOW)
        .events()).singleElement().isInstanceOfSatisfying(RefundFailed.class, e -> assertThat(e.failureReason()).isEqualTo("expired_card"));
    assertThat(refund(taken, PaymentStatus.SUCCEEDED).recorded(taken, INVOICE, LINES).events()).singleElement()
        .isInstanceOf(RefundSucceeded.class);

    Payment canceled = payment(PaymentMethod.CARD, PaymentStatus.CANCELED, "pi_2");
    Refund sendBack = refund(canceled, PaymentStatus.PENDING);
    Changed<Payment> captured = canceled.capturedAfterCancel(sendBack, INVOICE, LINES);
    assertThat(captured.state()).isSameAs(canceled);
    assertThat(captured.events()).singleElement().isInstanceOfSatisfying(PaymentCapturedAfterCancel.class, e -> {
      assertThat(e.refundId()).isEqualTo(sendBack.id());
      assertThat(e.payment().amount()).isEqualTo(10_000);
      assertThat(e.payment().byLineKind()).containsExactly(Map.entry("SERVICE", 6_000L), Map.entry("GIFT_CARD", 4_000L));
    });
    assertThat(refund(canceled, PaymentStatus.PENDING).moveTo(PaymentStatus.SUCCEEDED, "re_2", null, canceled, INVOICE, LINES, NOW)
        .events()).singleElement().isInstanceOfSatisfying(CapturedAfterCancelRefunded.class,
            e -> assertThat(e.refund().amount()).isEqualTo(2_500));
    assertThat(refund(canceled, PaymentStatus.PENDING).moveTo(PaymentStatus.FAILED, "re_2", "expired_card", canceled, INVOICE, LINES,
        NOW).events()).singleElement().isInstanceOfSatisfying(CapturedAfterCancelRefundFailed.class,
            e -> assertThat(e.failureReason()).isEqualTo("expired_card"));
    assertThatThrownBy(() -> refund(taken, PaymentStatus.PENDING).moveTo(PaymentStatus.CANCELED, null, null, taken, INVOICE, LINES, NOW))
        .isInstanceOf(IllegalStateException.class);
  }
}
