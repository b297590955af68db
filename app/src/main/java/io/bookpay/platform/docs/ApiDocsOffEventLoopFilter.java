package io.bookpay.platform.docs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * springdoc builds the description on the first request for it (not at startup, where it cost seconds
 * of a start that should take less than five), and building it scans the classpath, which blocks: so
 * the handlers under the api-docs path run on a thread that may block, never on an event loop. Later
 * requests are answered from springdoc's cache.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiDocsOffEventLoopFilter implements WebFilter {

  private final String path;

  ApiDocsOffEventLoopFilter(@Value("${springdoc.api-docs.path:/v3/api-docs}") String path) {
    this.path = path;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String requested = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!requested.equals(path) && !requested.startsWith(path + "/") && !requested.startsWith(path + ".")) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
  }
}
