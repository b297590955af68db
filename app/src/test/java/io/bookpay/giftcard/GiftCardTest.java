package io.bookpay.giftcard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.GiftCardReversalUndone;
import io.bookpay.events.money.GiftCardReversed;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A gift card's balance methods return the card as the ledger entry leaves it and the event that announces it; no database. */
class GiftCardTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final UUID SOLD_ON = UUID.randomUUID();
  private static final UUID CUSTOMER = UUID.randomUUID();
  private static final UUID INVOICE = UUID.randomUUID();
  private static final UUID PAYMENT = UUID.randomUUID();
  private static final UUID REFUND = UUID.randomUUID();

  private static GiftCard card(long balance, UUID invoiceId) {
    return new GiftCard(UUID.randomUUID(), UUID.randomUUID(), "AB12", "USD", 5_000, balance, GiftCardStatus.ACTIVE, CUSTOMER, invoiceId,
        NOW.plusSeconds(86_400), NOW);
  }

  @Test
  void issuingGivesTheCardItsValueAndSaysWhoHasItAndWhatSoldIt() {
    GiftCard fresh = card(0, SOLD_ON);
    Changed<GiftCard> issued = fresh.issue();
    assertThat(issued.state()).isEqualTo(withBalance(fresh, 5_000));
    assertThat(issued.events()).containsExactly(
        new GiftCardIssued(fresh.id(), CUSTOMER, SOLD_ON, 5_000, "USD", fresh.expiresAt()));
  }

  @Test
  void aCardIssuedOutsideAnInvoiceNamesNone() {
    GiftCard fresh = card(0, null);
    assertThat(fresh.issue().events()).containsExactly(new GiftCardIssued(fresh.id(), CUSTOMER, null, 5_000, "USD", fresh.expiresAt()));
  }

  @Test
  void redeemingTakesTheAmountOffAndAnnouncesTheBalanceLeft() {
    GiftCard active = card(5_000, null);
    Changed<GiftCard> redeemed = active.redeem(1_200, INVOICE, PAYMENT);
    assertThat(redeemed.state()).isEqualTo(withBalance(active, 3_800));
    assertThat(redeemed.events()).containsExactly(new GiftCardRedeemed(active.id(), INVOICE, PAYMENT, 1_200, 3_800, "USD"));
  }

  @Test
  void anAdjustmentMovesTheBalanceEitherWay() {
    GiftCard active = card(3_000, null);
    Changed<GiftCard> up = active.adjust(500);
    assertThat(up.state().balance()).isEqualTo(3_500);
    assertThat(up.events()).containsExactly(new GiftCardAdjusted(active.id(), 500, 3_500, "USD"));
    Changed<GiftCard> down = active.adjust(-1_000);
    assertThat(down.state()).isEqualTo(withBalance(active, 2_000));
    assertThat(down.events()).containsExactly(new GiftCardAdjusted(active.id(), -1_000, 2_000, "USD"));
  }

  @Test
  void aRefundOfAPaymentTheCardMadeGoesBackOnIt() {
    GiftCard active = card(1_000, null);
    Changed<GiftCard> refunded = active.refundTo(700, INVOICE, PAYMENT, REFUND);
    assertThat(refunded.state()).isEqualTo(withBalance(active, 1_700));
    assertThat(refunded.events()).containsExactly(new GiftCardRefunded(active.id(), INVOICE, PAYMENT, REFUND, 700, 1_700, "USD"));
  }

  @Test
  void aReversalTakesSoldValueBackAndItsUndoingGivesItBack() {
    GiftCard sold = card(5_000, SOLD_ON);
    Changed<GiftCard> reversed = sold.reverse(2_000, SOLD_ON, REFUND);
    assertThat(reversed.state()).isEqualTo(withBalance(sold, 3_000));
    assertThat(reversed.events()).containsExactly(new GiftCardReversed(sold.id(), SOLD_ON, REFUND, 2_000, 3_000, "USD"));

    Changed<GiftCard> undone = reversed.state().undoReversal(2_000, SOLD_ON, REFUND);
    assertThat(undone.state()).isEqualTo(sold);
    assertThat(undone.events()).containsExactly(new GiftCardReversalUndone(sold.id(), SOLD_ON, REFUND, 2_000, 5_000, "USD"));
  }

  @Test
  void aBalanceMethodChangesNothingButTheBalance() {
    GiftCard active = card(5_000, SOLD_ON);
    GiftCard redeemed = active.redeem(5_000, INVOICE, PAYMENT).state();
    assertThat(redeemed.balance()).isZero();
    assertThat(redeemed).usingRecursiveComparison().ignoringFields("balance").isEqualTo(active);
  }

  private static GiftCard withBalance(GiftCard c, long balance) {
    return new GiftCard(c.id(), c.tenantId(), c.last4(), c.currency(), c.initialAmount(), balance, c.status(), c.customerId(),
        c.invoiceId(), c.expiresAt(), c.createdAt());
  }
}
