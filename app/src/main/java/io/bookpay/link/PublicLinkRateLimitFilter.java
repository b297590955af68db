package io.bookpay.link;

import io.bookpay.platform.security.PublicRoutes;
import io.bookpay.platform.web.ClientAddress;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The per-address limits of the public link API, before anything else is spent on the request:
 * before its body is read and before an {@code Idempotency-Key} is claimed. The per-link limit
 * needs the link and is taken when the token is looked up ({@link LinkService}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class PublicLinkRateLimitFilter implements WebFilter {

  private final PublicRateLimits limits;
  private final ClientAddress clients;

  PublicLinkRateLimitFilter(PublicRateLimits limits, LinkProperties properties) {
    this.limits = limits;
    this.clients = new ClientAddress(properties.trustedProxies());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!PublicRoutes.matches(PublicRoutes.PUBLIC_LINKS, exchange.getRequest())) {
      return chain.filter(exchange);
    }
    return Mono.defer(() -> {
      String ip = clients.of(exchange.getRequest());
      limits.ip(ip);
      limits.checkUnknownBudget(ip);
      return chain.filter(exchange);
    });
  }
}
