package io.bookpay.giftcard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.GiftCardReversalUndone;
import io.bookpay.events.money.GiftCardReversed;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;

/**
 * A gift card as listed: never with its code, only the code's last four characters. Its balance
 * methods return the card as a ledger entry of that kind leaves it, with the event that announces
 * it; the service posts the entry (which refuses a balance below zero or a card not ACTIVE) and
 * appends the events. They compute from this card's balance, so the card must be read under its
 * row lock.
 */
public record GiftCard(
    UUID id,
    @JsonIgnore UUID tenantId,
    String last4,
    String currency,
    long initialAmount,
    long balance,
    GiftCardStatus status,
    UUID customerId,
    UUID invoiceId,
    Instant expiresAt,
    Instant createdAt) {

  boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** The card gets its value (ISSUE of its initial amount): issued outside an invoice, or its invoice was paid. */
  Changed<GiftCard> issue() {
    return Changed.of(withBalance(balance + initialAmount),
        new GiftCardIssued(id, customerId, invoiceId, initialAmount, currency, expiresAt));
  }

  /** {@code amount} taken off for a payment of an invoice (REDEEM). */
  Changed<GiftCard> redeem(long amount, UUID payingInvoiceId, UUID paymentId) {
    GiftCard redeemed = withBalance(balance - amount);
    return Changed.of(redeemed, new GiftCardRedeemed(id, payingInvoiceId, paymentId, amount, redeemed.balance, currency));
  }

  /** A correction by hand, positive or negative (ADJUST). */
  Changed<GiftCard> adjust(long amount) {
    GiftCard adjusted = withBalance(balance + amount);
    return Changed.of(adjusted, new GiftCardAdjusted(id, amount, adjusted.balance, currency));
  }

  /** A refund of a payment this card made goes back on it (REFUND). */
  Changed<GiftCard> refundTo(long amount, UUID paidInvoiceId, UUID paymentId, UUID refundId) {
    GiftCard refunded = withBalance(balance + amount);
    return Changed.of(refunded, new GiftCardRefunded(id, paidInvoiceId, paymentId, refundId, amount, refunded.balance, currency));
  }

  /** {@code amount} of this sold card's value taken back for a refund of the invoice that sold it (REVERSAL). */
  Changed<GiftCard> reverse(long amount, UUID soldOnInvoiceId, UUID refundId) {
    GiftCard reversed = withBalance(balance - amount);
    return Changed.of(reversed, new GiftCardReversed(id, soldOnInvoiceId, refundId, amount, reversed.balance, currency));
  }

  /** Gives back what {@link #reverse} took, for a refund that failed (REVERSAL_UNDONE). */
  Changed<GiftCard> undoReversal(long amount, UUID soldOnInvoiceId, UUID refundId) {
    GiftCard restored = withBalance(balance + amount);
    return Changed.of(restored, new GiftCardReversalUndone(id, soldOnInvoiceId, refundId, amount, restored.balance, currency));
  }

  private GiftCard withBalance(long newBalance) {
    return new GiftCard(id, tenantId, last4, currency, initialAmount, newBalance, status, customerId, invoiceId, expiresAt, createdAt);
  }
}
