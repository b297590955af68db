package io.bookpay.platform.security;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.RoutePath;
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
 * Deny by default: a request needs a credential unless its route is on {@link PublicRoutes}. The
 * credential is {@code Authorization: Bearer <token>}: the operator token (which makes an
 * {@link Operator}) or a tenant's API key (which makes a {@link Caller}). Which of the two a route
 * takes is its handler's business: it declares an {@code Operator} or a {@code Caller} parameter,
 * and {@link PrincipalArgumentResolver} refuses the other (401). Actuator endpoints beyond health are the
 * operator's. A missing or wrong credential is 401, before anything else reads the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter implements WebFilter {

  static final String CALLER_ATTRIBUTE = Caller.class.getName();
  static final String OPERATOR_ATTRIBUTE = Operator.class.getName();

  private final ApiKeyService apiKeys;
  private final OperatorToken operatorToken;

  AuthenticationFilter(ApiKeyService apiKeys, SecurityProperties properties) {
    this.apiKeys = apiKeys;
    this.operatorToken = new OperatorToken(properties.adminToken());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String bearer = bearerToken(exchange);
    if (PublicRoutes.isPublic(exchange.getRequest())) {
      if (operatorToken.matches(bearer)) {
        exchange.getAttributes().put(OPERATOR_ATTRIBUTE, Operator.CHECKED); // the operator sees health details
      }
      return chain.filter(exchange);
    }
    if (bearer == null) {
      return Mono.error(unauthenticated("a credential"));
    }
    if (operatorToken.matches(bearer)) {
      exchange.getAttributes().put(OPERATOR_ATTRIBUTE, Operator.CHECKED);
      return chain.filter(exchange);
    }
    if (RoutePath.of(exchange.getRequest()).startsWith("/actuator/")) {
      return Mono.error(unauthenticated("the operator token"));
    }
    return apiKeys.authenticate(bearer)
        .switchIfEmpty(Mono.error(() -> unauthenticated("a valid API key or the operator token")))
        .flatMap(caller -> {
          exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
          return chain.filter(exchange);
        });
  }

  private static String bearerToken(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  static ApiException unauthenticated(String what) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return new ApiException(
        ProblemType.UNAUTHENTICATED, "This endpoint needs " + what + " as 'Authorization: Bearer <token>'.", Map.of(), headers);
  }
}
