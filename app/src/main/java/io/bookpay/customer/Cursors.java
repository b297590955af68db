package io.bookpay.customer;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors: the last id seen, base64url-encoded so clients do not build them. */
final class Cursors {

  private Cursors() {}

  static String encode(UUID lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.US_ASCII));
  }

  static UUID decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ProblemType.VALIDATION, "The cursor is not one this API returned.");
    }
  }
}
