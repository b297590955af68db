package io.bookpay.invoice;

import static io.bookpay.invoice.InvoiceStatus.DRAFT;
import static io.bookpay.invoice.InvoiceStatus.OPEN;
import static io.bookpay.invoice.InvoiceStatus.PAID;
import static io.bookpay.invoice.InvoiceStatus.VOID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The invoice lifecycle, every (from, to) pair: DRAFT → OPEN | VOID, OPEN → PAID | VOID, PAID and VOID final. */
class InvoiceStatusTest {

  private static final Map<InvoiceStatus, Set<InvoiceStatus>> ALLOWED = Map.of(
      DRAFT, Set.of(OPEN, VOID),
      OPEN, Set.of(PAID, VOID),
      PAID, Set.of(),
      VOID, Set.of());

  @Test
  void everyPairIsAllowedExactlyWhenTheLifecycleSaysSo() {
    assertThat(ALLOWED).as("every status has its row").containsOnlyKeys(InvoiceStatus.values());
    for (InvoiceStatus from : InvoiceStatus.values()) {
      for (InvoiceStatus to : InvoiceStatus.values()) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
      }
      assertThat(from.next()).as("next() of %s", from).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
    }
  }

  @Test
  void noStatusMovesToItselfAndNothingGoesBackToDraft() {
    for (InvoiceStatus status : InvoiceStatus.values()) {
      assertThat(status.canMoveTo(status)).as("%s -> %s", status, status).isFalse();
      assertThat(status.canMoveTo(DRAFT)).as("%s -> DRAFT", status).isFalse();
    }
  }
}
