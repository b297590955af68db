package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;

/** A route that declares neither a Caller nor an Operator serves no one; a short operator token stops the start. */
class OwnerlessRouteGuardTest {

  /** Stand-ins for handlers. */
  static class Handlers {
    String ownerless(UUID id) {
      return "";
    }

    String tenants(Caller caller) {
      return "";
    }

    String operators(Operator operator) {
      return "";
    }
  }

  private final OwnerlessRouteGuard guard = new OwnerlessRouteGuard();

  @Test
  void aHandlerWithNeitherPrincipalIsRefusedEvenWithAValidKey() throws Exception {
    MockServerWebExchange exchange = exchange("/v1/something", "ownerless", UUID.class);
    exchange.getAttributes().put(AuthenticationFilter.CALLER_ATTRIBUTE, Caller.apiKey(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.ALL)));
    assertThatThrownBy(() -> guard.requireAnOwner(exchange).block())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
  }

  @Test
  void handlersThatDeclareTheirPrincipalOrArePublicPass() throws Exception {
    assertThat(guard.requireAnOwner(exchange("/v1/customers", "tenants", Caller.class)).block()).isNull();
    assertThat(guard.requireAnOwner(exchange("/v1/admin/tenants", "operators", Operator.class)).block()).isNull();
    assertThat(guard.requireAnOwner(exchange("/v1/public/links/tok", "ownerless", UUID.class)).block()).isNull();
  }

  @Test
  void startupRefusesAShortOperatorTokenWithAClearMessage() {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("bookpay.admin-token", "too-short-a-token")));
    assertThatThrownBy(() -> binder.bind("bookpay", SecurityProperties.class))
        .rootCause().hasMessageContaining("bookpay.admin-token (BOOKPAY_ADMIN_TOKEN) has 17 characters; it must have at least 32");
    Binder good = new Binder(new MapConfigurationPropertySource(Map.of("bookpay.admin-token", "x".repeat(32))));
    assertThat(good.bind("bookpay", SecurityProperties.class).get().apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(10));
  }

  private static MockServerWebExchange exchange(String path, String method, Class<?> parameter) throws Exception {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path).build());
    exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
        new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(method, parameter)));
    return exchange;
  }
}
