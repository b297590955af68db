package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.RoutePath;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The second line behind the refusal of ambiguous paths: filters read the path the way the router
 * does (decoded, no matrix parameters), so even a path that got past the first line is classified
 * as the route it reaches.
 */
class PathReadingTest {

  private static final String OPERATOR_TOKEN = "operator-token-of-at-least-32-characters";

  private final AuthenticationFilter filter =
      new AuthenticationFilter(null, new SecurityProperties(OPERATOR_TOKEN, Duration.ZERO));

  @Test
  void theRoutePathIsDecodedAndWithoutMatrixParameters() {
    assertThat(RoutePath.of(request(HttpMethod.GET, "/v1;x=1/%61dmin/tenants").build())).isEqualTo("/v1/admin/tenants");
    assertThat(RoutePath.of(request(HttpMethod.GET, "/%76%31/customers;a=b/42").build())).isEqualTo("/v1/customers/42");
  }

  @Test
  void aPublicLinkTokenIsRedactedFromThePathShown() {
    assertThat(RoutePath.redacted(request(HttpMethod.POST, "/v1/public/links/s3cr3t-token/bookings").build()))
        .isEqualTo("/v1/public/links/{token}/bookings");
    assertThat(RoutePath.redacted(request(HttpMethod.GET, "/v1/public/links/s3cr3t-token").build()))
        .isEqualTo("/v1/public/links/{token}");
    assertThat(RoutePath.redacted(request(HttpMethod.GET, "/v1/links/abc").build())).isEqualTo("/v1/links/abc");
  }

  @Test
  void anEncodedOrMatrixSpellingOfAnOperatorRouteNeedsTheOperatorToken() {
    for (String path : new String[] {"/v1;x/admin/tenants", "/%76%31/admin/tenants", "/v1/%61dmin/tenants", "/actuator;x/prometheus"}) {
      assertThat(refusal(request(HttpMethod.POST, path).build()))
          .as(path).isEqualTo(ProblemType.UNAUTHENTICATED);
    }
  }

  @Test
  void anEncodedSpellingOfAPublicRouteIsPublicAsTheRouterSeesIt() {
    assertThat(passes(request(HttpMethod.GET, "/v1/%70ublic/links/tok").build())).isTrue();
    assertThat(passes(request(HttpMethod.GET, "/v1/webhooks/stripe;x=1/0190f3a2-0000-7000-8000-000000000000").build())).isTrue();
  }

  @Test
  void nothingOffThePublicListPassesWithoutACredential() {
    for (String path : new String[] {"/", "/v2/anything", "/actuator/prometheus", "/v1/public", "/v1/webhooks/stripe", "/book/token", "/b", "/dashboards", "/v1/dashboard"}) {
      assertThat(refusal(request(HttpMethod.GET, path).build())).as(path).isEqualTo(ProblemType.UNAUTHENTICATED);
    }
    assertThat(passes(request(HttpMethod.GET, "/actuator/health/readiness").build())).isTrue();
    assertThat(passes(request(HttpMethod.GET, "/v3/api-docs").build())).isTrue();
  }

  @Test
  void theOperatorTokenMakesAnOperatorNotACaller() {
    MockServerHttpRequest request = request(HttpMethod.POST, "/v1/admin/tenants")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).build();
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    AtomicBoolean passed = new AtomicBoolean();
    filter.filter(exchange, e -> {
      passed.set(true);
      assertThat(e.getAttributes()).containsKey(AuthenticationFilter.OPERATOR_ATTRIBUTE).doesNotContainKey(AuthenticationFilter.CALLER_ATTRIBUTE);
      return Mono.empty();
    }).block();
    assertThat(passed).isTrue();
  }

  @Test
  void aShortOperatorTokenIsRefusedAtStartup() {
    assertThatThrownBy(() -> new SecurityProperties("short-token", Duration.ZERO))
        .hasMessageContaining("at least 32");
    assertThat(new SecurityProperties(null, Duration.ZERO).adminToken()).isNull();
  }

  @Test
  void theOperatorTokenMatchesExactlyAndOnlyWhenSet() {
    OperatorToken token = new OperatorToken(OPERATOR_TOKEN);
    assertThat(token.matches(OPERATOR_TOKEN)).isTrue();
    assertThat(token.matches(OPERATOR_TOKEN + "x")).isFalse();
    assertThat(token.matches(OPERATOR_TOKEN.substring(1))).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(new OperatorToken(null).matches("")).isFalse();
    assertThat(new OperatorToken(" ").matches(" ")).isFalse();
  }

  /** A request with exactly this raw path: the mock's own builders would encode the '%' again. */
  private static MockServerHttpRequest.BaseBuilder<?> request(HttpMethod method, String rawPath) {
    return MockServerHttpRequest.method(method, URI.create("http://localhost" + rawPath));
  }

  private boolean passes(MockServerHttpRequest request) {
    AtomicBoolean passed = new AtomicBoolean();
    WebFilterChain chain = exchange -> {
      passed.set(true);
      return Mono.empty();
    };
    filter.filter(MockServerWebExchange.from(request), chain).block();
    return passed.get();
  }

  private ProblemType refusal(MockServerHttpRequest request) {
    ServerWebExchange exchange = MockServerWebExchange.from(request);
    try {
      filter.filter(exchange, e -> Mono.error(new AssertionError("reached the handler: " + request.getURI()))).block();
    } catch (ApiException refused) {
      return refused.type();
    }
    throw new AssertionError("not refused: " + request.getURI());
  }
}
