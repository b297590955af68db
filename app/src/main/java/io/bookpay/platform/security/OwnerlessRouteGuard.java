package io.bookpay.platform.security;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Closes the gap deny-by-default leaves: the filter lets any valid credential through to a
 * non-public route, and the route's {@link Caller} or {@link Operator} parameter says whose it is.
 * A handler that declares neither and is not public would serve any credential; it is refused
 * instead (403), before it runs.
 */
@ControllerAdvice(annotations = {RestController.class, Controller.class}) // Actuator's handlers are guarded by the filter
class OwnerlessRouteGuard {

  private static final Logger log = LoggerFactory.getLogger(OwnerlessRouteGuard.class);

  @ModelAttribute
  Mono<Void> requireAnOwner(ServerWebExchange exchange) {
    Object handler = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
    if (!(handler instanceof HandlerMethod method) || PublicRoutes.isPublic(exchange.getRequest()) || hasOwner(method)) {
      return Mono.empty();
    }
    log.warn("Refused {}: its handler {} declares neither Caller nor Operator", exchange.getRequest().getMethod(), method.getShortLogMessage());
    return Mono.error(new ApiException(ProblemType.FORBIDDEN, "This endpoint is not open to the credential sent."));
  }

  static boolean hasOwner(HandlerMethod method) {
    return Arrays.stream(method.getMethodParameters())
        .anyMatch(p -> p.getParameterType() == Caller.class || p.getParameterType() == Operator.class);
  }
}
