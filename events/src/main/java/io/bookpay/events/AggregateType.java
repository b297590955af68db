package io.bookpay.events;

/** The kinds of aggregates that publish events, each with the topic that carries them. */
public enum AggregateType {
  CUSTOMER("Customer", Topics.CUSTOMERS),
  BOOKING("Booking", Topics.BOOKINGS),
  LINK("Link", Topics.LINKS),
  PAYMENT("Payment", Topics.PAYMENTS),
  INVOICE("Invoice", Topics.PAYMENTS),
  GIFT_CARD("GiftCard", Topics.PAYMENTS),
  PACKAGE_PURCHASE("PackagePurchase", Topics.PAYMENTS),
  MEMBERSHIP("Membership", Topics.PAYMENTS),
  CLAIM("Claim", Topics.CLAIMS),
  TENANT("Tenant", Topics.TENANTS),
  SERVICE("Service", Topics.CATALOG),
  PROVIDER("Provider", Topics.CATALOG),
  LOCATION("Location", Topics.CATALOG),
  CUSTOM_EVENT("CustomEvent", Topics.ANALYTICS);

  private final String wireName;
  private final String topic;

  AggregateType(String wireName, String topic) {
    this.wireName = wireName;
    this.topic = topic;
  }

  /** The name used in the envelope's {@code aggregateType}. */
  public String wireName() {
    return wireName;
  }

  public String topic() {
    return topic;
  }

  public static AggregateType fromWireName(String name) {
    for (AggregateType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown aggregate type: " + name);
  }
}
