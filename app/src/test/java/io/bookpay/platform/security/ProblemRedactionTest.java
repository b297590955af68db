package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.platform.web.ProblemExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** A public link's token is a credential: no problem body shows it, whatever the error. */
class ProblemRedactionTest {

  private final ProblemExceptionHandler handler = new ProblemExceptionHandler(JsonMapper.builder().build());

  @Test
  void theInstanceOfAProblemOnAPublicLinkHidesTheToken() {
    MockServerWebExchange exchange = MockServerWebExchange.from(
        MockServerHttpRequest.post("/v1/public/links/tok-SECRET-123/bookings").build());
    handler.handle(exchange, new IllegalStateException("boom")).block();

    String body = exchange.getResponse().getBodyAsString().block();
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
    assertThat(body).doesNotContain("tok-SECRET-123").contains("\"instance\":\"/v1/public/links/{token}/bookings\"");
  }
}
