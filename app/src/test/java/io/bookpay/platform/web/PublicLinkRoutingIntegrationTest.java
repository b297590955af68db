package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The public link routes are matched in a table of their own (PublicLinkRouting): the API's one
 * mapping bean still lists every route (the OpenAPI description and the route-family tests read it),
 * and the small table answers as the whole one did, including its 404 and 405.
 */
class PublicLinkRoutingIntegrationTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void theOneMappingBeanStillListsThePublicLinkRoutesBesideTheRest() {
    assertThat(mappings).isInstanceOf(PublicLinkRouting.Mapping.class);
    Set<String> patterns = new TreeSet<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
        .forEach(p -> patterns.add(p.getPatternString())));
    assertThat(patterns).contains("/v1/public/links/{token}", "/v1/public/links/{token}/slots", "/v1/public/links/{token}/bookings",
        "/v1/public/links/{token}/events", "/v1/bookings", "/v1/links");
  }

  @Test
  void thePublicLinkTableAnswersUnknownLinksMethodsAndPathsAsBefore() {
    String token = "A".repeat(43);
    http.get().uri("/v1/public/links/" + token + "/slots?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z")
        .header("X-Forwarded-For", "10.77.0.1").exchange()
        .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").isEqualTo("No such link.");
    http.method(HttpMethod.PUT).uri("/v1/public/links/" + token + "/slots").header("X-Forwarded-For", "10.77.0.2").exchange()
        .expectStatus().isEqualTo(405).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    http.get().uri("/v1/public/links/" + token + "/nothing-here").header("X-Forwarded-For", "10.77.0.3").exchange()
        .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
