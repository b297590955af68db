package io.bookpay.page;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Cross-site request forgery guard of the pages' form posts. The pages keep no cookie and no
 * session (the token in the path is the credential), so a forged post gains nothing the token
 * would not give; still, a post a browser says comes from elsewhere is refused: {@code
 * Sec-Fetch-Site} other than {@code same-origin} (or {@code none}), or, from browsers without it,
 * an {@code Origin} other than the request's own host ({@code null} included).
 */
@Component
class PageGuard {

  Mono<Void> sameSite(ServerWebExchange exchange) {
    return Mono.fromRunnable(() -> {
      if (!sameSite(exchange.getRequest())) {
        throw new ApiException(ProblemType.FORBIDDEN, "This form was sent from another site.");
      }
    });
  }

  static boolean sameSite(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String fetchSite = headers.getFirst("Sec-Fetch-Site");
    if (fetchSite != null) {
      // Every current browser says where a request comes from: only this page's own origin (or the user) may post.
      return "same-origin".equalsIgnoreCase(fetchSite) || "none".equalsIgnoreCase(fetchSite);
    }
    String origin = headers.getOrigin();
    if (origin == null) {
      return true; // not a browser, or an old one: the token alone decides, as in the JSON API
    }
    String host = headers.getFirst("X-Forwarded-Host") != null ? headers.getFirst("X-Forwarded-Host") : headers.getFirst(HttpHeaders.HOST);
    try {
      URI uri = URI.create(origin);
      return host != null && uri.getHost() != null && authority(uri).equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false; // garbage: not this page
    }
  }

  private static String authority(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
