package io.bookpay.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over the limit before reading a byte of it. A chunked
 * body without a length is caught by the codec limit instead (see {@link WebConfiguration}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter implements WebFilter {

  private final long maxBytes;
  private final long maxMultipartBytes;

  BodySizeLimitFilter(HttpProperties properties) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.maxMultipartBytes = properties.maxMultipartBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/v1/webhooks/stripe/")) {
      return chain.filter(exchange); // the webhook endpoint has its own, smaller limit, and counts refusals
    }
    long length = exchange.getRequest().getHeaders().getContentLength();
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    long maxBytes = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type) ? maxMultipartBytes : this.maxBytes;
    if (length > maxBytes) {
      return Mono.error(
          new ApiException(
              ProblemType.PAYLOAD_TOO_LARGE,
              "The request body has " + length + " bytes; the limit is " + maxBytes + "."));
    }
    return chain.filter(exchange);
  }
}
