package io.bookpay.events;

import java.util.List;

/**
 * Kafka topic names. They name business meaning, never a Java class, so code can move without
 * breaking the wire.
 */
public final class Topics {

  public static final String CUSTOMERS = "bookpay.customers";
  public static final String BOOKINGS = "bookpay.bookings";
  public static final String LINKS = "bookpay.links";
  public static final String PAYMENTS = "bookpay.payments";
  public static final String CLAIMS = "bookpay.claims";

  /** Every topic Bookpay publishes to, in a stable order. */
  public static final List<String> ALL = List.of(CUSTOMERS, BOOKINGS, LINKS, PAYMENTS, CLAIMS);

  private Topics() {}
}
