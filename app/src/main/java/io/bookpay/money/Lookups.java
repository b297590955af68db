package io.bookpay.money;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import reactor.core.publisher.Mono;

/** A thing a request body refers to that does not exist is 422, not 404: the URL was fine. */
final class Lookups {

  private Lookups() {}

  static <T> Mono<T> referenced(Mono<T> lookup, String what) {
    return lookup
        .onErrorMap(e -> e instanceof ApiException api && api.type() == ProblemType.NOT_FOUND,
            e -> Problems.unprocessable(what + " does not exist."))
        .switchIfEmpty(Mono.error(() -> Problems.unprocessable(what + " does not exist.")));
  }
}
