package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;

/** A route the link table would shadow is refused when the mappings are built, not found missing later. */
class PublicLinkRoutingTest {

  @Test
  void aLiteralRouteUnderThePublicLinksFailsTheStart() throws Exception {
    PublicLinkRouting.Mapping mapping = new PublicLinkRouting.Mapping();
    RequestMappingInfo info = RequestMappingInfo.paths("/v1/public/links/lookup").methods(RequestMethod.GET).build();
    Method method = Object.class.getMethod("toString");
    assertThatThrownBy(() -> mapping.registerHandlerMethod(new Object(), method, info))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/v1/public/links/lookup");
  }
}
