package io.bookpay.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The one cursor codec of every list. A cursor is the position after a page's last item, base64url
 * encoded so that clients hand it back rather than build it: that item's id, its sort value and id
 * ({@code 2030-01-01T09:00:00Z|<id>}), or for an append-only list (a history, a ledger) the number of
 * items already shown ({@code #<n>}). Cursors made before this codec (customers, links, bookings,
 * tenants) are the same bytes, so they still work.
 */
public final class PageCursor {

  /** A sort value and the id that breaks ties, e.g. a booking's start. */
  public record Keyed(Instant at, UUID id) {}

  private static final String COUNT = "#";
  private static final String SEPARATOR = "|";
  /** A bare id in its canonical form; an encoded one is 48 characters. */
  private static final int BARE_ID_LENGTH = 36;

  private PageCursor() {}

  public static String after(UUID id) {
    return encode(id.toString());
  }

  public static String after(Instant at, UUID id) {
    return encode(at + SEPARATOR + id);
  }

  public static String afterCount(long shown) {
    return encode(COUNT + shown);
  }

  /**
   * The id a page starts after; null for the first page. A bare id is taken too: the deprecated
   * {@code after} parameter took one, and invoices and claims answered one as {@code nextCursor}.
   */
  public static UUID id(String cursor) {
    if (absent(cursor)) {
      return null;
    }
    try {
      return UUID.fromString(cursor.strip().length() == BARE_ID_LENGTH ? cursor.strip() : decode(cursor));
    } catch (IllegalArgumentException e) {
      throw wrong();
    }
  }

  /** The sort value and id a page starts after; null for the first page. */
  public static Keyed keyed(String cursor) {
    if (absent(cursor)) {
      return null;
    }
    try {
      String[] parts = decode(cursor).split("\\|", 2);
      return new Keyed(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      throw wrong();
    }
  }

  /** How many items came before the page; 0 for the first page. */
  public static long count(String cursor) {
    if (absent(cursor)) {
      return 0;
    }
    try {
      String raw = decode(cursor);
      long shown = raw.startsWith(COUNT) ? Long.parseLong(raw.substring(COUNT.length())) : -1;
      if (shown < 0) {
        throw wrong();
      }
      return shown;
    } catch (IllegalArgumentException e) {
      throw wrong();
    }
  }

  /**
   * The cursor from {@code cursor} or from a deprecated parameter that meant the same (e.g.
   * {@code after}); 400 when both are given.
   */
  public static String either(String cursor, String aliasName, String alias) {
    if (absent(alias)) {
      return cursor;
    }
    if (!absent(cursor)) {
      throw Problems.invalid(aliasName, "is the deprecated name of 'cursor'; give one of them, not both");
    }
    return alias;
  }

  /** The order PostgreSQL gives uuids (unsigned, byte by byte), which {@link UUID#compareTo} does not. */
  public static int compare(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static boolean absent(String cursor) {
    return cursor == null || cursor.isBlank();
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
  }

  private static ApiException wrong() {
    return Problems.invalid("cursor", "is not one this API returned");
  }
}
