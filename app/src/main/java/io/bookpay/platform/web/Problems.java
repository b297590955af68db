package io.bookpay.platform.web;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

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

  /**
   * A lookup of something a request body refers to: when it does not exist the answer is 422
   * ("{@code what} does not exist."), not 404, since the URL itself was fine.
   */
  public static <T> Mono<T> referenced(Mono<T> lookup, String what) {
    return lookup
        .onErrorMap(e -> e instanceof ApiException api && api.type() == ProblemType.NOT_FOUND, e -> unprocessable(what + " does not exist."))
        .switchIfEmpty(Mono.error(() -> unprocessable(what + " does not exist.")));
  }
}
