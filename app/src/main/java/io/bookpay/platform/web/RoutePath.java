package io.bookpay.platform.web;

import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The path as the router matches it: percent-decoded, matrix parameters removed. Filters decide on
 * this, never on the raw string, so a filter and the router cannot read one request two ways.
 */
public final class RoutePath {

  private static final Pattern LINK_TOKEN = Pattern.compile("^(/v1/public/links/)[^/]+");

  private RoutePath() {}

  /** The routed path of a request, e.g. {@code /v1/admin/tenants} for {@code /v1;x/%61dmin/tenants}. */
  public static String of(ServerHttpRequest request) {
    return of(request.getPath().pathWithinApplication());
  }

  static String of(PathContainer path) {
    StringBuilder out = new StringBuilder();
    try {
      for (PathContainer.Element element : path.elements()) {
        out.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
      }
    } catch (IllegalArgumentException undecodable) {
      return path.value(); // a broken percent-encoding: the router matches nothing, and the path filter refuses it
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  /** The routed path for logs and problem bodies: a public link's token is a credential and is not shown. */
  public static String redacted(ServerHttpRequest request) {
    return LINK_TOKEN.matcher(of(request)).replaceFirst("$1{token}");
  }
}
