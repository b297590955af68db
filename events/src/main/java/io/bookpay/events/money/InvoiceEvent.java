package io.bookpay.events.money;

import io.bookpay.events.AggregateType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events of one invoice, its payments, refunds and coupon; keyed by the invoice. */
public sealed interface InvoiceEvent extends MoneyEvent
    permits InvoiceIssued, InvoiceVoided, InvoicePaid, PaymentSucceeded, PaymentFailed, PaymentCanceled, RefundSucceeded, RefundFailed,
        CouponRedeemed, PaymentCapturedAfterCancel, CapturedAfterCancelRefunded, CapturedAfterCancelRefundFailed,
        PaymentAllocated, RefundAllocated, DisputeOpened, DisputeClosed {

  UUID invoiceId();

  @Override
  default UUID aggregateId() {
    return invoiceId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.INVOICE;
  }

  /** An invoice as its events describe it. Amounts in minor units of {@code currency}. */
  record InvoiceFacts(
      UUID customerId,
      UUID bookingId,
      String currency,
      long subtotal,
      long discount,
      long tax,
      long total,
      long amountPaid,
      long amountRefunded,
      long balanceDue,
      Instant dueAt,
      List<LineFacts> lineItems) {}

  /** One line: {@code kind} is SERVICE, PRODUCT, PACKAGE, MEMBERSHIP or GIFT_CARD. */
  record LineFacts(String kind, String description, int quantity, long unitAmount, long amount, long discount, long tax, UUID refId) {}

  /**
   * What a payment or refund event says about the money and what it paid for. {@code byLineKind}:
   * the amount per line kind (SERVICE, PRODUCT, PACKAGE, MEMBERSHIP, GIFT_CARD) of the invoice's
   * lines, allocated over the lines in proportion to their totals with largest-remainder rounding,
   * so the parts add up to {@code amount}; absent on events written before it existed.
   */
  record MoneyFacts(UUID customerId, String method, long amount, String currency, List<String> lineItemKinds,
      Map<String, Long> byLineKind) {}
}
