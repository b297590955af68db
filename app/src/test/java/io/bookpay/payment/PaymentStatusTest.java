package io.bookpay.payment;

import static io.bookpay.payment.PaymentStatus.CANCELED;
import static io.bookpay.payment.PaymentStatus.FAILED;
import static io.bookpay.payment.PaymentStatus.PENDING;
import static io.bookpay.payment.PaymentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The payment (and refund) lifecycle, every (from, to) pair: PENDING → SUCCEEDED | FAILED | CANCELED,
 * FAILED → SUCCEEDED (a later attempt went through), SUCCEEDED and CANCELED final.
 */
class PaymentStatusTest {

  private static final Map<PaymentStatus, Set<PaymentStatus>> ALLOWED = Map.of(
      PENDING, Set.of(SUCCEEDED, FAILED, CANCELED),
      FAILED, Set.of(SUCCEEDED),
      SUCCEEDED, Set.of(),
      CANCELED, Set.of());

  @Test
  void everyPairIsAllowedExactlyWhenTheLifecycleSaysSo() {
    assertThat(ALLOWED).as("every status has its row").containsOnlyKeys(PaymentStatus.values());
    for (PaymentStatus from : PaymentStatus.values()) {
      for (PaymentStatus to : PaymentStatus.values()) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
      }
      assertThat(from.next()).as("next() of %s", from).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
    }
  }

  @Test
  void statusesOnlyMoveForward() {
    for (PaymentStatus status : PaymentStatus.values()) {
      assertThat(status.canMoveTo(status)).as("%s -> %s", status, status).isFalse();
      assertThat(status.canMoveTo(PENDING)).as("%s -> PENDING", status).isFalse();
    }
  }
}
