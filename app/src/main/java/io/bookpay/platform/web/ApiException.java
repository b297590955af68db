package io.bookpay.platform.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * An error a caller caused or must know about, answered as problem+json. Services throw it (or
 * return it in a {@code Mono.error}); the {@link ProblemExceptionHandler} renders it.
 */
public class ApiException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> properties;
  private final HttpHeaders headers;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of(), HttpHeaders.EMPTY);
  }

  public ApiException(ProblemType type, String detail, Map<String, Object> properties) {
    this(type, detail, properties, HttpHeaders.EMPTY);
  }

  public ApiException(ProblemType type, String detail, Map<String, Object> properties, HttpHeaders headers) {
    super(detail, null, false, false);
    this.type = type;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.headers = headers;
  }

  public static ApiException notFound(String what) {
    return new ApiException(ProblemType.NOT_FOUND, what + " not found");
  }

  public ProblemType type() {
    return type;
  }

  /** Extra members of the problem object, e.g. {@code errors} or {@code allowed}. */
  public Map<String, Object> properties() {
    return properties;
  }

  public HttpHeaders headers() {
    return headers;
  }
}
