package io.bookpay.page;

import io.bookpay.link.PageBooked;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One appointment as an iCalendar file (RFC 5545): times in UTC, text escaped, lines folded at 75 octets. */
final class Ics {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Ics() {}

  /**
   * @param uid a stable id of this appointment that names nothing internal
   * @param now the file's DTSTAMP
   */
  static String of(PageBooked booked, String uid, Instant now, String pageUrl) {
    var page = booked.page();
    String location = page.locationAddress() != null ? page.locationAddress()
        : page.locationName() != null ? page.locationName() : page.businessAddress();
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Bookpay//Booking page//EN");
    line(out, "METHOD:PUBLISH");
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + uid + "@bookpay");
    line(out, "DTSTAMP:" + UTC.format(now));
    line(out, "DTSTART:" + UTC.format(booked.start()));
    line(out, "DTEND:" + UTC.format(booked.end()));
    line(out, "SUMMARY:" + text(page.serviceName() + " at " + page.business()));
    if (location != null) {
      line(out, "LOCATION:" + text(location));
    }
    line(out, "DESCRIPTION:" + text("Booked with " + page.business() + (page.providerName() == null ? "" : " (" + page.providerName() + ")")
        + ". Manage or cancel: " + pageUrl));
    line(out, "STATUS:" + (booked.status().isActive() ? "CONFIRMED" : "CANCELLED"));
    line(out, "END:VEVENT");
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** TEXT values escape backslash, semicolon, comma and newlines. */
  static String text(String value) {
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
  }

  /** A content line, folded so no line exceeds 75 octets (continuations start with a space), ended by CRLF. */
  private static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
