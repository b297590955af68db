package io.bookpay.platform.security;

import io.bookpay.platform.web.RoutePath;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health is public, its details are not: anyone but the operator gets only {@code status} of
 * {@code /actuator/health/**} (the HTTP status, 200 or 503, is untouched). Components and details
 * name the database, the brokers and their versions, which is reconnaissance for an attacker.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class HealthDetailsFilter implements WebFilter {

  private final JsonMapper json;

  HealthDetailsFilter(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = RoutePath.of(exchange.getRequest());
    boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    if (!health || exchange.getAttribute(AuthenticationFilter.OPERATOR_ATTRIBUTE) != null) {
      return chain.filter(exchange);
    }
    ServerHttpResponseDecorator statusOnly = new ServerHttpResponseDecorator(exchange.getResponse()) {
      @Override
      public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(body).flatMap(buffer -> {
          byte[] bytes = new byte[buffer.readableByteCount()];
          buffer.read(bytes);
          DataBufferUtils.release(buffer);
          byte[] reduced = reduce(bytes);
          getHeaders().setContentLength(reduced.length);
          return getDelegate().writeWith(Mono.just(bufferFactory().wrap(reduced)));
        });
      }

      @Override
      public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).concatMap(Flux::from));
      }
    };
    return chain.filter(exchange.mutate().response(statusOnly).build());
  }

  private byte[] reduce(byte[] body) {
    try {
      JsonNode tree = json.readTree(body);
      return tree != null && tree.path("status").isString() ? json.writeValueAsBytes(Map.of("status", tree.get("status").asString())) : body;
    } catch (RuntimeException notJson) {
      return body;
    }
  }
}
