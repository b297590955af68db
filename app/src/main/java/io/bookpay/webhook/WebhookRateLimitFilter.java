package io.bookpay.webhook;

import io.bookpay.platform.security.PublicRoutes;
import io.bookpay.platform.web.ClientAddress;
import io.bookpay.platform.web.TokenBuckets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits the Stripe webhook endpoint per tenant path and per client before anything reads the
 * body or verifies a signature: anyone may call it, and each call costs an HMAC and a lookup.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class WebhookRateLimitFilter implements WebFilter {

  private final TokenBuckets perTenant;
  private final TokenBuckets perIp;
  private final ClientAddress clients;

  WebhookRateLimitFilter(WebhookRateLimitProperties properties) {
    this.perTenant = new TokenBuckets(properties.perTenantCapacity(), properties.perTenantPeriod(),
        "Too many webhooks for this endpoint.");
    this.perIp = new TokenBuckets(properties.perIpCapacity(), properties.perIpPeriod(), "Too many webhooks from your address.");
    this.clients = new ClientAddress(properties.trustedProxies());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var match = PublicRoutes.STRIPE_WEBHOOKS.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
    if (match == null) {
      return chain.filter(exchange);
    }
    return Mono.defer(() -> {
      perIp.consume(clients.of(exchange.getRequest()));
      perTenant.consume(match.getUriVariables().get("tenantId"));
      return chain.filter(exchange);
    });
  }
}
