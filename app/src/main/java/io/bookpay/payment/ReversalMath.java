package io.bookpay.payment;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.invoice.Allocation;
import io.bookpay.invoice.LineItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** How much of a delivered item a refund's share of its line is worth. Pure arithmetic, in whole cents, sessions and microseconds. */
final class ReversalMath {

  /**
   * What comes off each card of a GIFT_CARD line: {@code value} (the share in face value, without the
   * line's tax) is taken from the fullest cards first; {@code shortfall} is the money not covered,
   * {@code shares} the rest of the money split over the cards by what was taken from each.
   */
  record CardTakes(long value, long available, long[] taken, long[] shares, long shortfall) {}

  private ReversalMath() {}

  static CardTakes cardTakes(long share, LineItem line, List<GiftCard> cards) {
    long value = Math.min(share, scale(share, line.amount() - line.discount(), Allocation.lineTotal(line), RoundingMode.HALF_UP));
    long[] taken = new long[cards.size()];
    long left = value;
    long available = 0;
    List<Integer> fullestFirst = IntStream.range(0, cards.size()).boxed()
        .sorted(Comparator.comparingLong((Integer k) -> -cards.get(k).balance()).thenComparing(k -> cards.get(k).id())).toList();
    for (int k : fullestFirst) {
      available += cards.get(k).balance();
      taken[k] = Math.min(cards.get(k).balance(), left);
      left -= taken[k];
    }
    long shortfall = part(share, left, value);
    return new CardTakes(value, available, taken, Allocation.split(share - shortfall, taken), shortfall);
  }

  /** Sessions worth {@code share} at the price per session the line charged, rounded up, at most all of them. */
  static int sessions(long share, LineItem line, int sessionsTotal) {
    return (int) Math.min(sessionsTotal, scale(share, sessionsTotal, Allocation.lineTotal(line), RoundingMode.CEILING));
  }

  /** {@code share × part / whole}, rounded up (a shortfall is never understated); 0 when whole is 0. */
  static long part(long share, long part, long whole) {
    return whole == 0 ? 0 : scale(share, part, whole, RoundingMode.CEILING);
  }

  /** The paid end moved earlier by the share's part of the paid span; the whole line's total moves it to the start. */
  static Instant shortenedEnd(long share, LineItem line, Instant startsAt, Instant endsAt) {
    long total = Allocation.lineTotal(line);
    long span = ChronoUnit.MICROS.between(startsAt, endsAt);
    long moved = share >= total ? span : scale(span, share, total, RoundingMode.DOWN);
    return endsAt.minus(moved, ChronoUnit.MICROS);
  }

  private static long scale(long amount, long numerator, long denominator, RoundingMode rounding) {
    if (denominator == 0) {
      return 0;
    }
    return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), 0, rounding).longValueExact();
  }
}
