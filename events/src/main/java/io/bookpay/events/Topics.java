package io.bookpay.events;

import java.util.List;

/**
 * Kafka topic names. They name business meaning, never a Java class, so code can move without
 * breaking the wire. These are the names under the default prefix {@value #DEFAULT_PREFIX}; an
 * install with another prefix ({@code bookpay.kafka.topic-prefix}) swaps it, see {@link #withPrefix}.
 */
public final class Topics {

  /** The prefix the constants below carry; an install with this prefix uses them as they are. */
  public static final String DEFAULT_PREFIX = "bookpay.";

  public static final String CUSTOMERS = "bookpay.customers";
  public static final String BOOKINGS = "bookpay.bookings";
  public static final String LINKS = "bookpay.links";
  public static final String PAYMENTS = "bookpay.payments";
  public static final String CLAIMS = "bookpay.claims";
  /** Tenant profiles (name, time zone). */
  public static final String TENANTS = "bookpay.tenants";
  /** Services, providers with their working hours, locations. */
  public static final String CATALOG = "bookpay.catalog";
  /** Custom events tenants record for analytics. */
  public static final String ANALYTICS = "bookpay.analytics";

  /** Every topic Bookpay publishes to, in a stable order. */
  public static final List<String> ALL = List.of(CUSTOMERS, BOOKINGS, LINKS, PAYMENTS, CLAIMS, TENANTS, CATALOG, ANALYTICS);

  private Topics() {}

  /** The name of {@code topic} (one of the constants) in an install whose topics start with {@code prefix}. */
  public static String withPrefix(String prefix, String topic) {
    if (!topic.startsWith(DEFAULT_PREFIX)) {
      throw new IllegalArgumentException("not a Bookpay topic: " + topic);
    }
    return prefix + topic.substring(DEFAULT_PREFIX.length());
  }
}
