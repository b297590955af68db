package io.bookpay.payment;

/** A provider's answer about a payment or refund Bookpay cannot apply yet; try again later. */
public class NotYetKnown extends RuntimeException {
  public NotYetKnown(String message) {
    super(message, null, false, false);
  }
}
