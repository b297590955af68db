package io.bookpay.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over its route's limit before reading a byte of it. A
 * chunked body without a length is caught by the codec limit instead (see {@link WebConfiguration}),
 * or by the idempotency filter, which reads it with the same limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodySizeLimitFilter implements WebFilter {

  private final BodyLimits limits;

  BodySizeLimitFilter(BodyLimits limits) {
    this.limits = limits;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (RoutePath.of(exchange.getRequest()).startsWith("/v1/webhooks/stripe/")) {
      return chain.filter(exchange); // the webhook endpoint has its own, smaller limit, and counts refusals
    }
    long length = exchange.getRequest().getHeaders().getContentLength();
    long maxBytes = limits.maxBytes(exchange);
    if (length > maxBytes) {
      return Mono.error(
          new ApiException(
              ProblemType.PAYLOAD_TOO_LARGE,
              "The request body has " + length + " bytes; the limit is " + maxBytes + "."));
    }
    return chain.filter(exchange);
  }
}
