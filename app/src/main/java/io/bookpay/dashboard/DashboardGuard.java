package io.bookpay.dashboard;

import io.bookpay.platform.security.PublicRoutes;
import io.bookpay.platform.web.RoutePath;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The dashboard's own guard, deny by default below {@code /dashboard} (a route {@link PublicRoutes}
 * leaves to it): every page needs a live session from the session cookie, except the sign-in form
 * and the pages' assets; without one a request is sent (303) to the sign-in form. Decided on the
 * path the router matches. The session it finds is put on the exchange for the handlers; nothing
 * else in the application reads it, so the cookie opens no {@code /v1} route.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 18) // after authentication (+10), before idempotency keys (+20)
class DashboardGuard implements WebFilter {

  static final String LOGIN = "/dashboard/login";
  private static final String SESSION_ATTRIBUTE = DashboardSession.class.getName();

  private final DashboardSessions sessions;

  DashboardGuard(DashboardSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!PublicRoutes.matches(PublicRoutes.DASHBOARD, exchange.getRequest())) {
      return chain.filter(exchange);
    }
    String path = RoutePath.of(exchange.getRequest());
    if (path.startsWith("/dashboard/assets/")) {
      return chain.filter(exchange);
    }
    boolean open = path.equals(LOGIN);
    String token = SessionCookies.get(exchange, SessionCookies.SESSION);
    return sessions.find(token)
        .map(session -> {
          exchange.getAttributes().put(SESSION_ATTRIBUTE, session);
          return true;
        })
        .defaultIfEmpty(false)
        .flatMap(signedIn -> {
          if (signedIn || open) {
            if (!signedIn && token != null) {
              SessionCookies.clear(exchange, SessionCookies.SESSION);
            }
            return chain.filter(exchange);
          }
          if (token != null) {
            SessionCookies.clear(exchange, SessionCookies.SESSION);
          }
          exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
          exchange.getResponse().getHeaders().setLocation(URI.create(LOGIN));
          exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
          return exchange.getResponse().setComplete();
        });
  }

  /** The signed-in session of a request past this guard; null only on the sign-in form. */
  static DashboardSession session(ServerWebExchange exchange) {
    return exchange.getAttribute(SESSION_ATTRIBUTE);
  }
}
