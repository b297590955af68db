package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;

/** The tables are split by the pattern requests are sent by, so no route can sit in the table its requests never reach. */
class PublicLinkRoutingTest {

  private final PublicLinkRouting.Mapping mapping = new PublicLinkRouting.Mapping();
  private final Method method = method();

  @Test
  void aLiteralRouteUnderThePublicLinksIsFoundWhereItsRequestsAreLookedUp() {
    mapping.registerHandlerMethod(new Object(), method, RequestMappingInfo.paths("/v1/public/links/lookup").methods(RequestMethod.GET).build());
    mapping.registerHandlerMethod(new Object(), method, RequestMappingInfo.paths("/v1/links/{id}").methods(RequestMethod.GET).build());

    assertThat(handler("/v1/public/links/lookup")).isNotNull();
    assertThat(handler("/v1/links/abc")).isNotNull();
    assertThat(handler("/v1/public/links/other")).isNull();
    assertThat(mapping.getHandlerMethods()).hasSize(2);
  }

  @Test
  void aRouteWithPatternsOnBothSidesFailsTheStart() {
    RequestMappingInfo both = RequestMappingInfo.paths("/v1/public/links/{token}/x", "/v1/x").methods(RequestMethod.GET).build();
    assertThatThrownBy(() -> mapping.registerHandlerMethod(new Object(), method, both))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both under");
  }

  private HandlerMethod handler(String path) {
    return mapping.getHandlerInternal(MockServerWebExchange.from(MockServerHttpRequest.get(path))).block();
  }

  private static Method method() {
    try {
      return Object.class.getMethod("toString");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
