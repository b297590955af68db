package io.bookpay.platform.web;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * No request waits forever: past the timeout it is cancelled (an open transaction rolls back) and
 * answered 503. Paths under /actuator are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestTimeoutFilter implements WebFilter {

  private final Duration timeout;

  RequestTimeoutFilter(HttpProperties properties) {
    this.timeout = properties.requestTimeout();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!RoutePath.of(exchange.getRequest()).startsWith("/v1/")) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange)
        .timeout(timeout, Mono.error(() -> new ApiException(ProblemType.UNAVAILABLE,
            "The request took longer than " + timeout.toSeconds() + " s and was abandoned; nothing was changed by it.")))
        .onErrorMap(TimeoutException.class, e -> new ApiException(ProblemType.UNAVAILABLE, "The request timed out."));
  }
}
