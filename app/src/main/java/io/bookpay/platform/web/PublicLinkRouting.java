package io.bookpay.platform.web;

import io.bookpay.platform.security.PublicRoutes;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * The API's request mappings, with the public link routes (the campaign burst's hot path) in a table
 * of their own. Spring matches a path with a variable in it against every mapping in turn, about 180
 * here: a tenth of a slot search's CPU went to trying the staff API's routes on a link's URL.
 *
 * <p>A mapping goes to the small table when {@link PublicRoutes#PUBLIC_LINKS} matches its patterns
 * read as paths, and a request is looked up there exactly when that same pattern (the one the
 * authentication filter reads, on the same path) matches it; every other request is looked up in the
 * main table, which then holds no public link route. The mapping infos are the ones Spring built,
 * so matching, the 404/405/406/415 answers and the URI variables are the same; the OpenAPI
 * description and the actuator see both tables as one.
 */
@Configuration(proxyBeanMethods = false)
class PublicLinkRouting {

  @Bean
  WebFluxRegistrations publicLinkRoutingRegistrations() {
    return new WebFluxRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new Mapping();
      }
    };
  }

  static final class Mapping extends RequestMappingHandlerMapping {

    private static final PathPattern LINKS = PublicRoutes.PUBLIC_LINKS;

    private final Links links = new Links();

    @Override
    public void afterPropertiesSet() {
      links.setApplicationContext(obtainApplicationContext());
      links.setContentTypeResolver(getContentTypeResolver());
      links.setCorsProcessor(getCorsProcessor());
      if (getApiVersionStrategy() != null) {
        links.setApiVersionStrategy(getApiVersionStrategy());
      }
      super.afterPropertiesSet(); // detects the handler methods: registerHandlerMethod below sorts them
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
      long under = mapping.getPatternsCondition().getPatterns().stream().filter(Mapping::underPublicLinks).count();
      if (under == 0) {
        super.registerHandlerMethod(handler, method, mapping);
      } else if (under == mapping.getPatternsCondition().getPatterns().size()) {
        links.registerMapping(mapping, handler, method);
      } else {
        throw new IllegalStateException("Route " + mapping + " (" + method + ") has patterns both under " + LINKS
            + " and outside it: PublicLinkRouting sends each request to one table; split it into two mappings");
      }
    }

    /**
     * Whether requests this pattern answers are looked up in the link table: the pattern read as a
     * path ({@code {token}} a segment like any other) is one {@link #LINKS} matches, the same test
     * {@link #getHandlerInternal} makes of a request's path.
     */
    private static boolean underPublicLinks(PathPattern pattern) {
      return LINKS.matches(PathContainer.parsePath(pattern.getPatternString()));
    }

    @Override
    public Mono<HandlerMethod> getHandlerInternal(ServerWebExchange exchange) {
      if (PublicRoutes.matches(LINKS, exchange.getRequest())) {
        return links.getHandlerInternal(exchange);
      }
      return super.getHandlerInternal(exchange);
    }

    @Override
    protected CorsConfiguration getCorsConfiguration(Object handler, ServerWebExchange exchange) {
      CorsConfiguration own = super.getCorsConfiguration(handler, exchange);
      return own != null ? own : links.corsConfiguration(handler, exchange);
    }

    @Override
    protected boolean hasCorsConfigurationSource(Object handler) {
      return super.hasCorsConfigurationSource(handler) || links.hasCors(handler);
    }

    @Override
    public Map<RequestMappingInfo, HandlerMethod> getHandlerMethods() {
      Map<RequestMappingInfo, HandlerMethod> all = new LinkedHashMap<>(super.getHandlerMethods());
      all.putAll(links.getHandlerMethods());
      return Collections.unmodifiableMap(all);
    }
  }

  /** The public link routes' table: filled by {@link Mapping}, never scanning beans itself. */
  private static final class Links extends RequestMappingHandlerMapping {

    CorsConfiguration corsConfiguration(Object handler, ServerWebExchange exchange) {
      return getCorsConfiguration(handler, exchange);
    }

    boolean hasCors(Object handler) {
      return hasCorsConfigurationSource(handler);
    }
  }
}
