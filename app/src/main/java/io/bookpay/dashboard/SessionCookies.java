package io.bookpay.dashboard;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The dashboard's two cookies, both {@code HttpOnly; SameSite=Strict; Path=/dashboard}, and {@code
 * Secure} when the request came over TLS (at this server or, by {@code X-Forwarded-Proto}, at the
 * proxy before it): the session's token, and the sign-in form's CSRF token (double submit: the form
 * carries the value the cookie holds, which another site can neither read nor set). Neither has a
 * Max-Age: they end with the browser, the session earlier on the server.
 */
final class SessionCookies {

  static final String SESSION = "bookpay_dashboard";
  static final String LOGIN_CSRF = "bookpay_dashboard_login";
  static final String PATH = "/dashboard";

  private SessionCookies() {}

  static void set(ServerWebExchange exchange, String name, String value) {
    exchange.getResponse().addCookie(cookie(exchange.getRequest(), name, value).build());
  }

  static void clear(ServerWebExchange exchange, String name) {
    exchange.getResponse().addCookie(cookie(exchange.getRequest(), name, "").maxAge(0).build());
  }

  static String get(ServerWebExchange exchange, String name) {
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
    return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
  }

  private static ResponseCookie.ResponseCookieBuilder cookie(ServerHttpRequest request, String name, String value) {
    return ResponseCookie.from(name, value).httpOnly(true).sameSite("Strict").path(PATH).secure(overTls(request));
  }

  static boolean overTls(ServerHttpRequest request) {
    String forwarded = request.getHeaders().getFirst("X-Forwarded-Proto");
    if (forwarded != null) {
      return forwarded.strip().regionMatches(true, 0, "https", 0, 5);
    }
    return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme());
  }

  /** Compares in constant time; null or empty never matches. */
  static boolean sameToken(String expected, String presented) {
    return expected != null && presented != null && !expected.isEmpty()
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
