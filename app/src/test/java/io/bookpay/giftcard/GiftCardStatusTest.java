package io.bookpay.giftcard;

import static io.bookpay.giftcard.GiftCardStatus.ACTIVE;
import static io.bookpay.giftcard.GiftCardStatus.PENDING;
import static io.bookpay.giftcard.GiftCardStatus.VOID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A gift card's lifecycle, every (from, to) pair: PENDING → ACTIVE (invoice paid) | VOID (invoice voided), both final. */
class GiftCardStatusTest {

  private static final Map<GiftCardStatus, Set<GiftCardStatus>> ALLOWED = Map.of(
      PENDING, Set.of(ACTIVE, VOID),
      ACTIVE, Set.of(),
      VOID, Set.of());

  @Test
  void everyPairIsAllowedExactlyWhenTheLifecycleSaysSo() {
    assertThat(ALLOWED).as("every status has its row").containsOnlyKeys(GiftCardStatus.values());
    for (GiftCardStatus from : GiftCardStatus.values()) {
      for (GiftCardStatus to : GiftCardStatus.values()) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
      }
      assertThat(from.next()).as("next() of %s", from).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
    }
  }
}
