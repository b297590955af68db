package io.bookpay.report;

import java.time.Instant;

/**
 * A report that can also answer as CSV ({@code Accept: text/csv}): the same numbers as its JSON
 * form in one table. The freshness goes into headers, {@code Bookpay-As-Of} and
 * {@code Bookpay-Lag-Seconds}, since a CSV table has no room for it.
 */
public interface CsvReport {

  CsvTable csv();

  Instant asOf();

  long lagSeconds();
}
