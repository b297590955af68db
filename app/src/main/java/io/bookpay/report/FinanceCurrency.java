package io.bookpay.report;

import io.bookpay.platform.web.Problems;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one currency a finance report answers in: the {@code currency} asked for (an ISO 4217 code),
 * or, when none is asked, the tenant's only currency; a tenant with figures in several must name
 * one (400), a tenant with none gets an answer of zeros without a currency.
 */
final class FinanceCurrency {

  private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");

  private FinanceCurrency() {}

  /** Checks the parameter before anything is read; null when absent. */
  static String requested(String currency) {
    if (currency == null) {
      return null;
    }
    if (!CODE.matcher(currency).matches()) {
      throw Problems.invalid("currency", "must be an ISO 4217 code such as EUR");
    }
    return currency.toUpperCase(Locale.ROOT);
  }

  static String resolve(String requested, List<String> tenantCurrencies) {
    if (requested != null) {
      return requested;
    }
    if (tenantCurrencies.size() > 1) {
      throw Problems.invalid("currency", "is required: this tenant has figures in " + String.join(", ", tenantCurrencies));
    }
    return tenantCurrencies.isEmpty() ? null : tenantCurrencies.get(0);
  }
}
