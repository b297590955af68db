package io.bookpay.platform.web;

import io.bookpay.platform.db.DatabaseUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.JacksonException;

/**
 * Turns every error, from a controller, a filter or the framework, into an
 * {@code application/problem+json} answer with a stable {@code type}. It runs before Spring Boot's
 * own error handler, so no error reaches a client in another shape, and never with a stack trace.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private final JsonMapper json;

  public ProblemExceptionHandler(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(error);
    }
    ApiException problem = toProblem(error);
    if (problem.type() == ProblemType.INTERNAL) {
      log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), RoutePath.redacted(exchange.getRequest()), error);
    }
    HttpStatus status = problem.type().status();
    Map<String, Object> body =
        Problem.body(
            problem.type(), status.value(), problem.getMessage(), RoutePath.redacted(exchange.getRequest()), problem.properties());
    response.setStatusCode(status);
    HttpHeaders headers = response.getHeaders();
    problem.headers().forEach((name, values) -> headers.put(name, values));
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
    return response.writeWith(Mono.just(buffer));
  }

  static ApiException toProblem(Throwable error) {
    if (error instanceof ApiException api) {
      return api;
    }
    if (hasCause(error, DataBufferLimitException.class)) {
      return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size limit.");
    }
    if (error instanceof WebExchangeBindException bind) {
      List<FieldError> errors =
          bind.getFieldErrors().stream()
              .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
              .collect(Collectors.toCollection(ArrayList::new));
      bind.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
      return validation(errors);
    }
    if (error instanceof HandlerMethodValidationException invalid) {
      List<FieldError> errors = new ArrayList<>();
      for (ParameterValidationResult result : invalid.getParameterValidationResults()) {
        String name = result.getMethodParameter().getParameterName();
        result.getResolvableErrors().forEach(e -> errors.add(new FieldError(name, e.getDefaultMessage())));
      }
      return validation(errors);
    }
    if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
      return new ApiException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content type " + (unsupported.getContentType() == null ? "(none)" : unsupported.getContentType())
              + " is not supported; send " + supported(unsupported.getSupportedMediaTypes()) + ".");
    }
    if (error instanceof MethodNotAllowedException notAllowed) {
      HttpHeaders headers = new HttpHeaders();
      headers.setAllow(notAllowed.getSupportedMethods());
      return new ApiException(
          ProblemType.METHOD_NOT_ALLOWED,
          notAllowed.getHttpMethod() + " is not allowed here; allowed: " + notAllowed.getSupportedMethods() + ".",
          Map.of(),
          headers);
    }
    if (error instanceof NotAcceptableStatusException notAcceptable) {
      // Most resources answer JSON (the JSON codecs add their other types); the few that answer
      // otherwise (an export) or as well (the reports' CSV) declare what they produce.
      List<MediaType> types = notAcceptable.getSupportedMediaTypes();
      boolean json = types.isEmpty() || types.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
      boolean csv = types.stream().anyMatch(t -> t.getType().equals("text") && t.getSubtype().equals("csv"));
      return new ApiException(ProblemType.NOT_ACCEPTABLE, "This resource answers in "
          + (json ? MediaType.APPLICATION_JSON_VALUE + (csv ? " or text/csv" : "")
              : types.stream().map(MediaType::toString).collect(Collectors.joining(" or "))) + " only.");
    }
    if (error instanceof ServerWebInputException input) {
      return malformed(input);
    }
    if (error instanceof ResponseStatusException status) {
      return fromStatus(status.getStatusCode(), status.getReason());
    }
    if (DatabaseUnavailable.is(error)) {
      return databaseUnavailable();
    }
    return new ApiException(ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.");
  }

  /** The database cannot be reached (restart, failover, network): retry shortly; the app reconnects by itself. */
  private static ApiException databaseUnavailable() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "2");
    return new ApiException(ProblemType.UNAVAILABLE, "The database is unreachable for the moment; try again shortly.", Map.of(), headers);
  }

  private static ApiException validation(List<FieldError> errors) {
    return new ApiException(
        ProblemType.VALIDATION, "One or more fields are invalid.", Map.of("errors", List.copyOf(errors)));
  }

  /** Bad JSON, a wrongly typed field, a missing body or an unparsable query parameter. */
  private static ApiException malformed(ServerWebInputException input) {
    DatabindException databind = cause(input, DatabindException.class);
    if (databind != null && !databind.getPath().isEmpty()) {
      String field =
          databind.getPath().stream()
              .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining(".")).replace(".[", "[");
      return new ApiException(
          ProblemType.MALFORMED_REQUEST,
          "Field '" + field + "' has the wrong type or format.",
          Map.of("errors", List.of(new FieldError(field, "has the wrong type or format"))));
    }
    if (cause(input, JacksonException.class) != null) {
      return new ApiException(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON.");
    }
    if (input.getMethodParameter() != null && input.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
      return new ApiException(ProblemType.MALFORMED_REQUEST, "The request body is missing.");
    }
    if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null) {
      String name = input.getMethodParameter().getParameterName();
      return new ApiException(
          ProblemType.VALIDATION,
          "Parameter '" + name + "' is missing or has the wrong format.",
          Map.of("errors", List.of(new FieldError(name, "is missing or has the wrong format"))));
    }
    return new ApiException(
        ProblemType.MALFORMED_REQUEST, input.getReason() == null ? "The request could not be read." : input.getReason());
  }

  private static ApiException fromStatus(HttpStatusCode code, String reason) {
    for (ProblemType type : ProblemType.values()) {
      if (type.status().value() == code.value()) {
        return new ApiException(type, code.value() == 404 ? "No resource at this path." : reason);
      }
    }
    return code.is4xxClientError()
        ? new ApiException(ProblemType.MALFORMED_REQUEST, reason)
        : new ApiException(ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.");
  }

  private static String supported(List<MediaType> types) {
    return types.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : types.get(0).toString();
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    return cause(error, type) != null;
  }

  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
