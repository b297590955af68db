package io.bookpay.payment;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.invoice.LineItem;
import io.bookpay.invoice.LineKind;
import io.bookpay.sales.Membership;
import io.bookpay.sales.PackagePurchase;
import java.util.ArrayList;
import java.util.List;

/**
 * Which delivered item belongs to which invoice line. Delivery creates them in line order (cards at
 * finalize, {@code quantity} per GIFT_CARD line; a purchase per PACKAGE line and a membership per
 * MEMBERSHIP line when paid), with time-ordered ids, so the items in id order match the lines in order.
 */
final class DeliveredItems {

  /** One delivering line with the refund's share of it and its items (cards, or one purchase, or one membership). */
  record Target(LineItem line, long share, List<GiftCard> cards, PackagePurchase purchase, Membership membership) {}

  private DeliveredItems() {}

  static boolean isDelivered(LineKind kind) {
    return kind == LineKind.GIFT_CARD || kind == LineKind.PACKAGE || kind == LineKind.MEMBERSHIP;
  }

  static List<Target> match(List<LineItem> lines, long[] shares, List<GiftCard> cards, List<PackagePurchase> purchases,
      List<Membership> memberships) {
    List<Target> targets = new ArrayList<>();
    int card = 0;
    int purchase = 0;
    int membership = 0;
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      switch (line.kind()) {
        case GIFT_CARD -> {
          int to = Math.min(cards.size(), card + line.quantity());
          if (shares[i] > 0) {
            targets.add(new Target(line, shares[i], List.copyOf(cards.subList(card, to)), null, null));
          }
          card = to;
        }
        case PACKAGE -> {
          if (shares[i] > 0) {
            targets.add(new Target(line, shares[i], List.of(), purchase < purchases.size() ? purchases.get(purchase) : null, null));
          }
          purchase++;
        }
        case MEMBERSHIP -> {
          if (shares[i] > 0) {
            targets.add(new Target(line, shares[i], List.of(), null, membership < memberships.size() ? memberships.get(membership) : null));
          }
          membership++;
        }
        default -> { }
      }
    }
    return targets;
  }
}
