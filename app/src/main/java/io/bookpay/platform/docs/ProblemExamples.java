package io.bookpay.platform.docs;

import io.bookpay.platform.web.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One problem+json answer for each status the description lists, as the API writes them. */
final class ProblemExamples {

  private ProblemExamples() {}

  static Map<String, Object> of(String status, String path) {
    return switch (status) {
      case "400" -> problem(ProblemType.VALIDATION, "'email' must be a well-formed email address.", path,
          Map.of("errors", List.of(Map.of("field", "email", "message", "must be a well-formed email address"))));
      case "401" -> problem(ProblemType.UNAUTHENTICATED, "This endpoint needs an API key as 'Authorization: Bearer <token>'.", path);
      case "403" -> problem(ProblemType.FORBIDDEN, "This API key lacks the scope 'bookings:write'.", path,
          Map.of("requiredScope", "bookings:write"));
      case "404" -> problem(ProblemType.NOT_FOUND, "Booking " + Examples.id("booking") + " was not found.", path);
      case "409" -> problem(ProblemType.INVALID_TRANSITION, "Booking " + Examples.id("booking") + " is CANCELLED; it cannot become"
          + " CONFIRMED.", path, Map.of("status", "CANCELLED", "allowed", List.of()));
      case "410" -> problem(ProblemType.GONE, "This link has expired.", path, Map.of("linkStatus", "EXPIRED"));
      case "412" -> problem(ProblemType.PRECONDITION_FAILED, "Booking " + Examples.id("booking")
          + " changed since you read it; its current ETag is \"4\".", path, Map.of("currentETag", "\"4\""));
      case "413" -> problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body has 2097152 bytes; the limit is 1048576.", path);
      case "415" -> problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", path);
      case "422" -> problem(ProblemType.UNPROCESSABLE, "Service " + Examples.id("service") + " does not exist.", path);
      case "428" -> problem(ProblemType.PRECONDITION_REQUIRED, "This change needs If-Match with the ETag last read.", path);
      case "429" -> problem(ProblemType.RATE_LIMITED, "Too many requests from this address; try again in 12 seconds.", path);
      case "503" -> problem(ProblemType.UNAVAILABLE, "The database cannot be reached for the moment.", path);
      default -> problem(ProblemType.INTERNAL, "Something went wrong.", path);
    };
  }

  private static Map<String, Object> problem(ProblemType type, String detail, String path) {
    return problem(type, detail, path, Map.of());
  }

  private static Map<String, Object> problem(ProblemType type, String detail, String path, Map<String, Object> more) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", type.uri().toString());
    problem.put("title", type.title());
    problem.put("status", type.status().value());
    problem.put("detail", detail);
    problem.put("instance", path.replace("{id}", Examples.id("booking")));
    problem.putAll(more);
    return problem;
  }
}
