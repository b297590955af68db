package io.bookpay.platform.security;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one list of routes that answer without a credential; everything else needs one. Matched with
 * the router's own path patterns on the router's own reading of the path (decoded, no matrix
 * parameters), so this list and the routes it names cannot drift apart on spelling.
 */
public final class PublicRoutes {

  /** The public link API: the token in the path is the credential. */
  public static final PathPattern PUBLIC_LINKS = parse("/v1/public/links/{token}/**");
  /**
   * The booking pages of a link's client: {@code /b/{token}} (page and form post), {@code
   * /b/booking/{token}/**} (confirmation, calendar file, cancel) and {@code /b/assets/**} (the
   * page's stylesheet and script). The token in the path is the credential.
   */
  public static final PathPattern BOOKING_PAGES = parse("/b/{token}/**");
  /**
   * The staff dashboard's pages: {@code /dashboard} and everything below it. Public to this filter
   * only: they take no API key (a bearer key never opens them), and the dashboard's own guard lets
   * through only the sign-in form and its assets without a signed-in session, which is its cookie.
   * The session cookie in turn opens nothing outside {@code /dashboard}.
   */
  public static final PathPattern DASHBOARD = parse("/dashboard/**");
  /** Stripe's webhooks: the signature over the body is the credential. */
  public static final PathPattern STRIPE_WEBHOOKS = parse("/v1/webhooks/stripe/{tenantId}");

  private static final List<PathPattern> PUBLIC = List.of(
      PUBLIC_LINKS,
      BOOKING_PAGES,
      DASHBOARD,
      STRIPE_WEBHOOKS,
      parse("/actuator/health"),
      parse("/actuator/health/**"),
      parse("/v3/api-docs"),
      parse("/v3/api-docs/**"),
      parse("/swagger-ui.html"),
      parse("/swagger-ui/**"),
      parse("/webjars/swagger-ui/**"));

  private PublicRoutes() {}

  public static boolean isPublic(ServerHttpRequest request) {
    return isPublic(request.getPath().pathWithinApplication());
  }

  static boolean isPublic(PathContainer path) {
    return PUBLIC.stream().anyMatch(pattern -> pattern.matches(path));
  }

  /** Whether the request is on this route, as the router would decide it. */
  public static boolean matches(PathPattern route, ServerHttpRequest request) {
    return route.matches(request.getPath().pathWithinApplication());
  }

  private static PathPattern parse(String pattern) {
    return PathPatternParser.defaultInstance.parse(pattern);
  }
}
