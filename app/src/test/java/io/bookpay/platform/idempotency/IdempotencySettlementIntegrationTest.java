package io.bookpay.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.BodyLimits;
import io.bookpay.platform.web.HttpProperties;
import io.bookpay.platform.web.ProblemExceptionHandler;
import io.bookpay.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each answer settles its key exactly once, before it goes out, and only its own claim. An answer
 * settled a second time after the client had it could land on the client's next request with the
 * same key: that request's claim was marked COMPLETED with the old answer, and the fixed request
 * after it was refused 422 idempotency-key-reused (IdempotencyIntegrationTest failed now and then).
 */
class IdempotencySettlementIntegrationTest extends IntegrationTest {

  @Autowired DatabaseClient db;
  @Autowired ProblemExceptionHandler problems;
  @Autowired JsonMapper json;
  @Autowired Clock clock;
  @Autowired HttpProperties httpProperties;
  @Autowired BodyLimits bodyLimits;

  private final List<String> calls = new CopyOnWriteArrayList<>();

  /** The real store, on the real table, noting which of its settling statements ran. */
  private IdempotencyStore recordingStore() {
    return new IdempotencyStore(db) {
      @Override
      Mono<Boolean> release(String scope, String key, byte[] requestHash) {
        return Mono.defer(() -> {
          calls.add("release");
          return super.release(scope, key, requestHash);
        });
      }

      @Override
      Mono<Void> complete(String scope, String key, byte[] requestHash, int status, String headersJson, byte[] body) {
        return Mono.defer(() -> {
          calls.add("complete");
          return super.complete(scope, key, requestHash, status, headersJson, body);
        });
      }
    };
  }

  private List<String> answer(HttpStatus status, String body) {
    calls.clear();
    IdempotencyFilter filter = new IdempotencyFilter(recordingStore(), problems, json, clock, httpProperties, bodyLimits);
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/invoices/" + UUID.randomUUID() + "/payments")
        .header(IdempotencyFilter.HEADER, "settle-" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
        .body("{\"method\":\"CASH\",\"amount\":1}"));
    exchange.getAttributes().put(Caller.class.getName(), Caller.apiKey(UUID.randomUUID(), UUID.randomUUID(), Set.of()));
    WebFilterChain chain = ex -> {
      ex.getResponse().setStatusCode(status);
      return body == null ? ex.getResponse().setComplete()
          : ex.getResponse().writeWith(Mono.just(ex.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    };
    filter.filter(exchange, chain).block(Duration.ofSeconds(10));
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(status);
    return List.copyOf(calls);
  }

  @Test
  void anAnswerNotKeptFreesTheKeyOnceAndStoresNothing() {
    assertThat(answer(HttpStatus.BAD_REQUEST, "{\"code\":\"invalid\"}")).containsExactly("release");
    assertThat(answer(HttpStatus.UNPROCESSABLE_CONTENT, "{\"code\":\"amount-exceeds-balance\"}")).containsExactly("release");
  }

  @Test
  void aKeptAnswerIsStoredOnce() {
    assertThat(answer(HttpStatus.CREATED, "{\"id\":\"p\"}")).containsExactly("complete");
    assertThat(answer(HttpStatus.NO_CONTENT, null)).containsExactly("complete");
  }

  @Test
  void aLateAnswerNeverCompletesAnotherRequestsClaim() {
    IdempotencyStore store = new IdempotencyStore(db);
    String scope = UUID.randomUUID().toString();
    String key = "late-" + UUID.randomUUID();
    byte[] first = new byte[32];
    byte[] next = new byte[32];
    next[0] = 1;
    assertThat(store.claim(scope, key, next, clock.instant(), Duration.ofMinutes(1), Duration.ofDays(1)).block().claim())
        .isEqualTo(IdempotencyStore.Claim.OWNED);

    store.complete(scope, key, first, 400, "{}", new byte[0]).block(Duration.ofSeconds(10));

    assertThat(sql.rows("SELECT status, response_status FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?", scope, key)
        .toString()).contains("status=IN_FLIGHT").contains("response_status=null");
  }
}
