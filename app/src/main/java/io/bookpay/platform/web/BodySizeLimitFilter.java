package io.bookpay.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over its route's limit before reading a byte of it. A
 * body without a declared length (chunked) is counted as it is read and fails with 413 once it
 * passes the limit: the codecs' limits are per value or per multipart part, so without this a
 * chunked multipart body could hold several parts of the upload limit each in memory.
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
    if (length >= 0) {
      return chain.filter(exchange); // the server reads no more than the declared length
    }
    return chain.filter(exchange.mutate().request(new Counted(exchange.getRequest(), maxBytes)).build());
  }

  /** A request whose body fails with {@link DataBufferLimitException} (413) once more than the limit has arrived. */
  private static final class Counted extends ServerHttpRequestDecorator {
    private final long maxBytes;

    Counted(ServerHttpRequest delegate, long maxBytes) {
      super(delegate);
      this.maxBytes = maxBytes;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      return Flux.defer(() -> {
        long[] seen = {0};
        return super.getBody().handle((buffer, sink) -> {
          seen[0] += buffer.readableByteCount();
          if (seen[0] > maxBytes) {
            DataBufferUtils.release(buffer);
            sink.error(new DataBufferLimitException("The request body has more than " + maxBytes + " bytes."));
          } else {
            sink.next(buffer);
          }
        });
      });
    }
  }
}
