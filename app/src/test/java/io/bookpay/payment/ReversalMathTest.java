package io.bookpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.giftcard.GiftCardStatus;
import io.bookpay.invoice.LineItem;
import io.bookpay.invoice.LineKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a refund's share of a delivering line is worth in card value, sessions and paid time. */
class ReversalMathTest {

  private static LineItem line(LineKind kind, int quantity, long unit, String taxRate, long tax) {
    return new LineItem(kind, kind.name(), quantity, unit, quantity * unit, 0, new BigDecimal(taxRate), tax, null);
  }

  private static GiftCard card(long balance) {
    return new GiftCard(UUID.randomUUID(), UUID.randomUUID(), "ABCD", "USD", 5_000, balance, GiftCardStatus.ACTIVE, null, null, null,
        Instant.EPOCH);
  }

  @Test
  void cardValueComesFromTheFullestCardsFirstAndWhatIsMissingIsTheShortfall() {
    LineItem twoCards = line(LineKind.GIFT_CARD, 2, 5_000, "0", 0);
    ReversalMath.CardTakes fits = ReversalMath.cardTakes(6_000, twoCards, List.of(card(1_000), card(5_000)));
    assertThat(fits.taken()).containsExactly(1_000, 5_000);
    assertThat(fits.shortfall()).isZero();
    assertThat(fits.shares()).containsExactly(1_000, 5_000);

    ReversalMath.CardTakes spent = ReversalMath.cardTakes(10_000, twoCards, List.of(card(1_000), card(5_000)));
    assertThat(spent.available()).isEqualTo(6_000);
    assertThat(spent.taken()).containsExactly(1_000, 5_000);
    assertThat(spent.shortfall()).isEqualTo(4_000);
    assertThat(spent.shares()[0] + spent.shares()[1] + spent.shortfall()).isEqualTo(10_000);

    // A taxed card line: the share includes tax, the card only ever held its face value.
    ReversalMath.CardTakes taxed = ReversalMath.cardTakes(11_000, line(LineKind.GIFT_CARD, 1, 10_000, "10", 1_000), List.of(card(10_000)));
    assertThat(taxed.value()).isEqualTo(10_000);
    assertThat(taxed.shortfall()).isZero();
  }

  @Test
  void sessionsAreRoundedUpAndNeverMoreThanThePackageHas() {
    LineItem fiveSessions = line(LineKind.PACKAGE, 1, 40_000, "0", 0);
    assertThat(ReversalMath.sessions(20_000, fiveSessions, 5)).isEqualTo(3); // 2.5 sessions
    assertThat(ReversalMath.sessions(1, fiveSessions, 5)).isEqualTo(1);
    assertThat(ReversalMath.sessions(40_000, fiveSessions, 5)).isEqualTo(5);
    assertThat(ReversalMath.part(20_000, 1, 3)).isEqualTo(6_667);
  }

  @Test
  void aMembershipsPaidEndMovesInProportionAndToItsStartForAFullRefund() {
    Instant starts = Instant.parse("2026-01-01T00:00:00Z");
    Instant ends = Instant.parse("2026-01-11T00:00:00Z");
    LineItem membership = line(LineKind.MEMBERSHIP, 1, 10_000, "0", 0);
    assertThat(ReversalMath.shortenedEnd(2_500, membership, starts, ends)).isEqualTo(Instant.parse("2026-01-08T12:00:00Z"));
    assertThat(ReversalMath.shortenedEnd(10_000, membership, starts, ends)).isEqualTo(starts);
  }
}
