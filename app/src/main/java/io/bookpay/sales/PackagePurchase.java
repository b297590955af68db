package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.money.PackagePurchased;
import io.bookpay.events.money.PackageSessionRedeemed;
import io.bookpay.events.money.PackageSessionsRestored;
import io.bookpay.events.money.PackageSessionsReversed;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's paid package: each redemption against a booking uses one session. {@code sessionsReversed}
 * unused sessions were taken back by refunds of the invoice that sold it. Its session counts move in
 * conditional statements (never below zero); the methods named for a past move are called on the
 * purchase as that statement left it and return it with the event that announces the move.
 */
public record PackagePurchase(UUID id, @JsonIgnore UUID tenantId, UUID packageId, UUID customerId, UUID invoiceId, UUID serviceId,
    int sessionsTotal, int sessionsRemaining, int sessionsReversed, Instant createdAt) {

  /**
   * The purchase a paid PACKAGE line delivers: {@code quantity} times the package's sessions, with
   * PackagePurchased ({@code amount}: what the line cost after its discount, in the sale's currency).
   */
  static Changed<PackagePurchase> sell(UUID id, Sale sale, PackageDefinition p, int quantity, long amount, Instant now) {
    PackagePurchase purchase = new PackagePurchase(id, sale.tenantId(), p.id(), sale.customerId(), sale.invoiceId(), p.serviceId(),
        p.sessions() * quantity, p.sessions() * quantity, 0, now);
    return Changed.of(purchase, new PackagePurchased(id, p.id(), sale.customerId(), sale.invoiceId(), p.serviceId(),
        purchase.sessionsTotal, amount, sale.currency()));
  }

  /** One session of this purchase (as the redemption left it) paid for {@code bookingId}. */
  Changed<PackagePurchase> sessionRedeemed(UUID bookingId) {
    return Changed.of(this, new PackageSessionRedeemed(id, bookingId, customerId, sessionsRemaining));
  }

  /** {@code sessions} unused sessions of this purchase (as the reversal left it) taken back for a refund. */
  Changed<PackagePurchase> sessionsReversed(int sessions, UUID soldOnInvoiceId, UUID refundId) {
    return Changed.of(this, new PackageSessionsReversed(id, soldOnInvoiceId, refundId, sessions, sessionsRemaining));
  }

  /** {@code sessions} reversed sessions given back to this purchase (as that left it): the refund failed. */
  Changed<PackagePurchase> sessionsRestored(int sessions, UUID soldOnInvoiceId, UUID refundId) {
    return Changed.of(this, new PackageSessionsRestored(id, soldOnInvoiceId, refundId, sessions, sessionsRemaining));
  }
}
