package io.bookpay.platform.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. The wire names are part of the API. */
public enum Scope {
  ALL("*"),
  CUSTOMERS_READ("customers:read"),
  CUSTOMERS_WRITE("customers:write"),
  REPORTS_READ("reports:read"),
  CATALOG_READ("catalog:read"),
  CATALOG_WRITE("catalog:write"),
  BOOKINGS_READ("bookings:read"),
  BOOKINGS_WRITE("bookings:write"),
  BILLING_READ("billing:read"),
  BILLING_WRITE("billing:write"),
  BILLING_REFUND("billing:refund"),
  INSURANCE_READ("insurance:read"),
  INSURANCE_WRITE("insurance:write"),
  ANALYTICS_WRITE("analytics:write"),
  API_KEYS_MANAGE("api-keys:manage");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
