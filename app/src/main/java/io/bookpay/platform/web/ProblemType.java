package io.bookpay.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable error types clients may switch on. The URI under {@code type} never changes for a
 * given kind of error; the title is its human name.
 */
public enum ProblemType {
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Request is invalid"),
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Request could not be read"), // its body, or a path that reads two ways
  SIGNATURE_INVALID("signature-invalid", HttpStatus.BAD_REQUEST, "Signature verification failed"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  DUPLICATE("duplicate", HttpStatus.CONFLICT, "Already exists"),
  SLOT_UNAVAILABLE("slot-unavailable", HttpStatus.CONFLICT, "Slot unavailable"),
  INVALID_TRANSITION("invalid-transition", HttpStatus.CONFLICT, "Transition not allowed"),
  PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Version mismatch"),
  PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match required"),
  GONE("gone", HttpStatus.GONE, "No longer available"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Request cannot be processed"),
  UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  /** Where every type URI starts. */
  public static final String BASE = "https://bookpay.io/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
