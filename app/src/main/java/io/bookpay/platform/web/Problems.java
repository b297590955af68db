package io.bookpay.platform.web;

import java.util.List;
import java.util.Map;

/** Shorthands for the problems services raise most. */
public final class Problems {

  private Problems() {}

  /** A 400 naming one field, for rules a request annotation cannot express. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(ProblemType.VALIDATION, "'" + field + "' " + message + ".",
        Map.of("errors", List.of(new FieldError(field, message))));
  }

  public static ApiException unprocessable(String detail) {
    return new ApiException(ProblemType.UNPROCESSABLE, detail);
  }
}
