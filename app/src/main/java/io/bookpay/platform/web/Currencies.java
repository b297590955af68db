package io.bookpay.platform.web;

import java.util.Currency;

/**
 * ISO 4217 codes, upper case, checked against the JDK's list: money is minor units and a currency code
 * everywhere (DESIGN.md), so every feature that takes an amount checks its code the same way.
 */
public final class Currencies {

  private Currencies() {}

  /** The code if it is a known ISO 4217 code; otherwise a 400 naming {@code field}. */
  public static String check(String field, String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      throw Problems.invalid(field, "must be an ISO 4217 code in upper case, e.g. USD");
    }
    try {
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(field, "is not a known ISO 4217 currency");
    }
    return code;
  }

  /** 422 when a request's currency is not the one of what it acts on. */
  public static void requireSame(String given, String expected, String what) {
    if (given != null && !given.equals(expected)) {
      throw Problems.unprocessable("Currency mismatch: " + what + " is in " + expected + ", the request says " + given + ".");
    }
  }
}
