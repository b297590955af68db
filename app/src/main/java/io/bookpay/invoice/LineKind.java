package io.bookpay.invoice;

/** What an invoice line sells. PACKAGE and MEMBERSHIP lines name their definition in {@code refId}. */
public enum LineKind {
  SERVICE, PRODUCT, PACKAGE, MEMBERSHIP, GIFT_CARD
}
