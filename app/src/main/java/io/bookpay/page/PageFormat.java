package io.bookpay.page;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.Locale;

/** How pages write money, days and times: English, in the location's zone, its name beside. */
final class PageFormat {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private PageFormat() {}

  static String money(long minor, String currency) {
    Currency c = Currency.getInstance(currency);
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(c);
    format.setMinimumFractionDigits(Math.max(0, c.getDefaultFractionDigits()));
    format.setMaximumFractionDigits(Math.max(0, c.getDefaultFractionDigits()));
    return format.format(BigDecimal.valueOf(minor).movePointLeft(Math.max(0, c.getDefaultFractionDigits())));
  }

  static String day(java.time.LocalDate date) {
    return DAY.format(date);
  }

  static String longDay(Instant at, ZoneId zone) {
    return LONG_DAY.format(at.atZone(zone));
  }

  static String time(Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone));
  }

  /** "Europe/Berlin (CET)": the IANA name people can look up, and the short name they know. */
  static String zoneName(ZoneId zone, Instant at) {
    String shortName = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(at.atZone(zone));
    return zone.getId().equals(shortName) ? zone.getId() : zone.getId() + " (" + shortName + ")";
  }

  static String duration(int minutes) {
    return minutes < 60 ? minutes + " min" : minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  static String weekday(java.time.DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }
}
