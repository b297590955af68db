package io.bookpay.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of an error response (RFC 9457). Built as an ordered map so extension members sit
 * beside the standard ones, as the RFC wants, without relying on a serializer mix-in.
 */
final class Problem {

  private Problem() {}

  static Map<String, Object> body(ProblemType type, int status, String detail, String instance, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri().toString());
    body.put("title", type.title());
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    body.put("instance", instance);
    extra.forEach(body::putIfAbsent);
    return body;
  }
}
