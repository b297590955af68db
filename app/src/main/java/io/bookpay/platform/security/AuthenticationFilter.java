package io.bookpay.platform.security;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /v1}: {@code /v1/admin/**} takes the operator token, {@code /v1/public/**} and the
 * provider webhooks {@code /v1/webhooks/stripe/**} take no credential (their resources and signatures
 * carry their own), and everything else takes a tenant's API key as
 * {@code Authorization: Bearer <key>}. A missing or wrong credential is 401, before any handler runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter implements WebFilter {

  static final String CALLER_ATTRIBUTE = Caller.class.getName();

  private final ApiKeyService apiKeys;
  private final byte[] adminToken;

  AuthenticationFilter(ApiKeyService apiKeys, SecurityProperties properties) {
    this.apiKeys = apiKeys;
    String token = properties.adminToken();
    this.adminToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!path.startsWith("/v1/") || path.startsWith("/v1/public/") || path.startsWith("/v1/webhooks/stripe/")) {
      return chain.filter(exchange);
    }
    String bearer = bearerToken(exchange);
    if (path.startsWith("/v1/admin/")) {
      return isAdmin(bearer) ? chain.filter(exchange) : Mono.error(unauthenticated("a valid operator token"));
    }
    if (bearer == null) {
      return Mono.error(unauthenticated("an API key"));
    }
    return apiKeys.authenticate(bearer)
        .switchIfEmpty(Mono.error(unauthenticated("a valid API key")))
        .flatMap(caller -> {
          exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
          return chain.filter(exchange);
        });
  }

  private boolean isAdmin(String bearer) {
    return adminToken != null
        && bearer != null
        && MessageDigest.isEqual(adminToken, bearer.getBytes(StandardCharsets.UTF_8));
  }

  private static String bearerToken(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static ApiException unauthenticated(String what) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return new ApiException(
        ProblemType.UNAUTHENTICATED, "This endpoint needs " + what + " as 'Authorization: Bearer <token>'.", Map.of(), headers);
  }
}
