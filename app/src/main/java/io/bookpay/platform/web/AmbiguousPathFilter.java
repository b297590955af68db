package io.bookpay.platform.web;

import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, before any other filter acts, every path that one reader could take for another: matrix
 * parameters, percent-encoded unreserved characters or slashes, dot segments, empty segments
 * (doubled or trailing slashes). No client of this API needs them, and each is a way to make a
 * filter that looks at the raw string disagree with the router, which decodes and strips.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AmbiguousPathFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Optional<String> problem = problem(exchange.getRequest().getURI().getRawPath());
    if (problem.isPresent()) {
      return Mono.error(new ApiException(ProblemType.MALFORMED_REQUEST,
          "The path " + problem.get() + "; send the plain path, without encoding what needs none."));
    }
    return chain.filter(exchange);
  }

  /** Why a raw path is ambiguous, or empty when it reads one way only. */
  static Optional<String> problem(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return Optional.of("is not absolute");
    }
    if (rawPath.equals("/")) {
      return Optional.empty();
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == ';') {
        return Optional.of("has matrix parameters (';')");
      }
      if (c == '\\' || c < 0x21 || c == 0x7f) {
        return Optional.of("has a backslash or a control character");
      }
      if (c == '%') {
        int decoded = hex(rawPath, i + 1);
        if (decoded < 0) {
          return Optional.of("has a malformed percent-encoding");
        }
        if (isUnreserved(decoded) || decoded == '/' || decoded == '\\' || decoded == ';' || decoded == '%') {
          return Optional.of("percent-encodes '" + (char) decoded + "', which must be sent as is");
        }
        i += 2;
      }
    }
    String[] segments = rawPath.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment (a doubled or trailing slash)");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a dot segment");
      }
    }
    return Optional.empty();
  }

  /** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~". */
  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int hex(String s, int at) {
    if (at + 2 > s.length()) {
      return -1;
    }
    int high = Character.digit(s.charAt(at), 16);
    int low = Character.digit(s.charAt(at + 1), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }
}
