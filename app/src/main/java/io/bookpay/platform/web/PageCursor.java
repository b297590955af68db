package io.bookpay.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors over time-ordered ids: the last id seen, base64url-encoded so clients do not build them. */
public final class PageCursor {

  private PageCursor() {}

  public static String encode(UUID lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The id after which the page starts; null for the first page; 400 for a cursor this API did not make. */
  public static UUID decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw Problems.invalid("cursor", "is not one this API returned");
    }
  }
}
