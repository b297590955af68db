package io.bookpay.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.money.CouponRedeemed;
import io.bookpay.events.money.PackagePurchased;
import io.bookpay.events.money.PackageSessionRedeemed;
import io.bookpay.events.money.PackageSessionsRestored;
import io.bookpay.events.money.PackageSessionsReversed;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Package purchases (and coupon redemptions) return what they are and the event that announces them; no database. */
class PackagePurchaseTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Sale SALE = new Sale(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "EUR");
  private static final PackageDefinition FIVE_MASSAGES = new PackageDefinition(UUID.randomUUID(), SALE.tenantId(), "5 massages",
      UUID.randomUUID(), 5, 20_000, "EUR", true, NOW);
  private static final UUID REFUND = UUID.randomUUID();

  @Test
  void aSoldPackageHoldsQuantityTimesItsSessionsAndSaysWhatTheLineCost() {
    UUID id = UUID.randomUUID();
    Changed<PackagePurchase> sold = PackagePurchase.sell(id, SALE, FIVE_MASSAGES, 2, 36_000, NOW);
    assertThat(sold.state()).isEqualTo(new PackagePurchase(id, SALE.tenantId(), FIVE_MASSAGES.id(), SALE.customerId(), SALE.invoiceId(),
        FIVE_MASSAGES.serviceId(), 10, 10, 0, NOW));
    assertThat(sold.events()).containsExactly(new PackagePurchased(id, FIVE_MASSAGES.id(), SALE.customerId(), SALE.invoiceId(),
        FIVE_MASSAGES.serviceId(), 10, 36_000, "EUR"));
  }

  @Test
  void aRedeemedSessionAnnouncesWhatIsLeft() {
    PackagePurchase used = purchase(10, 7, 0);
    UUID booking = UUID.randomUUID();
    Changed<PackagePurchase> redeemed = used.sessionRedeemed(booking);
    assertThat(redeemed.state()).isSameAs(used);
    assertThat(redeemed.events()).containsExactly(new PackageSessionRedeemed(used.id(), booking, used.customerId(), 7));
  }

  @Test
  void reversedAndRestoredSessionsAnnounceTheRefundAndWhatIsLeft() {
    PackagePurchase reversed = purchase(10, 4, 3);
    assertThat(reversed.sessionsReversed(3, SALE.invoiceId(), REFUND).events())
        .containsExactly(new PackageSessionsReversed(reversed.id(), SALE.invoiceId(), REFUND, 3, 4));
    PackagePurchase restored = purchase(10, 7, 0);
    Changed<PackagePurchase> change = restored.sessionsRestored(3, SALE.invoiceId(), REFUND);
    assertThat(change.state()).isSameAs(restored);
    assertThat(change.events()).containsExactly(new PackageSessionsRestored(restored.id(), SALE.invoiceId(), REFUND, 3, 7));
  }

  @Test
  void aTakenCouponRedemptionAnnouncesTheDiscountAndTheCount() {
    Coupon taken = new Coupon(UUID.randomUUID(), SALE.tenantId(), "SPRING10", "PERCENT", 10, null, null, null, null, 100, 1, 4, true, NOW);
    Changed<Coupon> redeemed = taken.redeemed(SALE.invoiceId(), SALE.customerId(), 1_500, "EUR");
    assertThat(redeemed.state()).isSameAs(taken);
    assertThat(redeemed.events()).containsExactly(
        new CouponRedeemed(SALE.invoiceId(), taken.id(), "SPRING10", SALE.customerId(), 1_500, "EUR", 4));
  }

  private static PackagePurchase purchase(int total, int remaining, int reversed) {
    return new PackagePurchase(UUID.randomUUID(), SALE.tenantId(), FIVE_MASSAGES.id(), SALE.customerId(), SALE.invoiceId(),
        FIVE_MASSAGES.serviceId(), total, remaining, reversed, NOW);
  }
}
