package io.bookpay.platform.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a handler declare a {@link Caller} (a tenant's route) or an {@link Operator} (an operator's
 * route). Each comes only from what {@link AuthenticationFilter} checked; without it the request
 * is refused here, closed, with 401: the credential sent, if any, is not one this endpoint takes.
 */
@Configuration(proxyBeanMethods = false)
class PrincipalArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class || parameter.getParameterType() == Operator.class;
  }

  @Override
  public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
    boolean wantsOperator = parameter.getParameterType() == Operator.class;
    Object principal = exchange.getAttribute(wantsOperator ? AuthenticationFilter.OPERATOR_ATTRIBUTE : AuthenticationFilter.CALLER_ATTRIBUTE);
    if (principal != null) {
      return Mono.just(principal);
    }
    return Mono.error(AuthenticationFilter.unauthenticated(wantsOperator ? "the operator token" : "a tenant's API key"));
  }
}
