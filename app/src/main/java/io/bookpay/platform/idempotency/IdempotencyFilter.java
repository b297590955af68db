package io.bookpay.platform.idempotency;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Digests;
import io.bookpay.platform.security.Operator;
import io.bookpay.platform.security.PublicRoutes;
import io.bookpay.platform.web.BodyLimits;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.HttpProperties;
import io.bookpay.platform.web.ProblemExceptionHandler;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.RoutePath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on every POST of a tenant, the operator or a public link (not on the
 * provider webhooks, which deduplicate by the provider's event id). The first request with a key runs and its
 * answer is stored; a retry with the same key and the same request (method, path, body bytes) gets
 * that answer again, marked {@code Idempotent-Replayed: true}, for 24 hours. The same key with
 * another request is 422; a retry while the first still runs is 409. Answers that say the request
 * itself was wrong (400, 401, 403, 412, 413, 415, 422, 428, 429) and server errors are not kept,
 * so the client can fix the request or retry with the same key.
 *
 * <p>Keys are per tenant for API keys; a public link's clients share the link's scope; the
 * operator's admin calls have a scope of their own. The filter runs after authentication, the rate
 * limits and the route's body limit, so an anonymous request is refused before it costs a row.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IdempotencyFilter implements WebFilter {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Set<Integer> NOT_KEPT = Set.of(400, 401, 403, 412, 413, 415, 422, 428, 429);
  /** A public 404 (an unknown link token) is not kept either: guessing would fill the table for 24 hours. */
  private static final Set<Integer> NOT_KEPT_PUBLIC = Set.of(400, 401, 403, 404, 412, 413, 415, 422, 428, 429);
  private static final String PUBLIC_SCOPE = "public:";
  private static final Set<String> KEPT_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG);

  private final IdempotencyStore store;
  private final ProblemExceptionHandler problems;
  private final JsonMapper json;
  private final Clock clock;
  private final BodyLimits bodyLimits;
  private final Duration lease;

  IdempotencyFilter(IdempotencyStore store, ProblemExceptionHandler problems, JsonMapper json, Clock clock, HttpProperties http,
      BodyLimits bodyLimits) {
    this.store = store;
    this.problems = problems;
    this.json = json;
    this.clock = clock;
    this.bodyLimits = bodyLimits;
    // Longer than any request may run (the request timeout answers 503 first), so a live owner keeps its key.
    this.lease = http.requestTimeout().plusSeconds(30);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String key = exchange.getRequest().getHeaders().getFirst(HEADER);
    if (key == null || exchange.getRequest().getMethod() != HttpMethod.POST) {
      return chain.filter(exchange);
    }
    String path = RoutePath.of(exchange.getRequest());
    String scope = scope(exchange, path);
    if (scope == null) {
      return chain.filter(exchange);
    }
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return Mono.error(Problems.invalid(HEADER, "must be 1 to 255 printable ASCII characters"));
    }
    int limit = (int) Math.min(Integer.MAX_VALUE, bodyLimits.maxBytes(exchange));
    return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
        .map(IdempotencyFilter::drain)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> {
          byte[] hash = requestHash(exchange, path, body);
          return claim(scope, key, hash, 3).flatMap(result -> switch (result.claim()) {
            case OWNED -> run(exchange, chain, scope, key, hash, body);
            case REPLAY -> replay(exchange, result.stored());
            case MISMATCH -> Mono.error(new ApiException(ProblemType.UNPROCESSABLE,
                "This Idempotency-Key was used for a different request; use a new key for a new request.",
                Map.of("code", "idempotency-key-reused")));
            case IN_FLIGHT -> Mono.error(new ApiException(ProblemType.CONFLICT,
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                Map.of("code", "idempotency-key-in-flight"), retryAfter()));
            case OUTCOME_UNKNOWN -> Mono.error(new ApiException(ProblemType.CONFLICT,
                "The first request with this Idempotency-Key changed data, but its answer was lost; it will not be run again."
                    + " Look the result up (GET) rather than retrying.",
                Map.of("code", "idempotency-key-outcome-unknown")));
          });
        });
  }

  /** A claim that lost a race with a release finds no row; it simply claims again. */
  private Mono<IdempotencyStore.Result> claim(String scope, String key, byte[] hash, int attempts) {
    return store.claim(scope, key, hash, clock.instant(), lease, RETENTION)
        .switchIfEmpty(Mono.defer(() -> attempts > 1 ? claim(scope, key, hash, attempts - 1)
            : Mono.error(new ApiException(ProblemType.CONFLICT, "This Idempotency-Key is contended; retry shortly.",
                Map.of("code", "idempotency-key-in-flight"), retryAfter()))));
  }

  private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, String scope, String key, byte[] hash, byte[] body) {
    ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
      @Override
      public Flux<DataBuffer> getBody() {
        return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
      }
    };
    Recording response = new Recording(exchange, scope, key, hash, scope.startsWith(PUBLIC_SCOPE) ? NOT_KEPT_PUBLIC : NOT_KEPT);
    ServerWebExchange recorded = exchange.mutate().request(request).response(response).build();
    return chain.filter(recorded)
        .onErrorResume(error -> problems.handle(recorded, error))
        .contextWrite(context -> IdempotencyEffects.bind(context, scope, key))
        .doOnCancel(() -> store.release(scope, key, hash).subscribe(null, e -> log.warn("Could not release idempotency key", e)));
  }

  private Mono<Void> replay(ServerWebExchange exchange, IdempotencyStore.Stored stored) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
    if (stored.headers() != null) {
      json.readTree(stored.headers()).properties().forEach(e -> response.getHeaders().set(e.getKey(), e.getValue().asString()));
    }
    response.getHeaders().set(REPLAYED, "true");
    if (stored.body().length == 0) {
      return response.setComplete();
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
  }

  /** Keeps the answer (or frees the key) before it goes to the client, so a retry never sees a half-stored key. */
  private final class Recording extends ServerHttpResponseDecorator {

    private final ServerWebExchange exchange;
    private final String scope;
    private final String key;
    private final byte[] hash;
    private final Set<Integer> notKept;

    Recording(ServerWebExchange exchange, String scope, String key, byte[] hash, Set<Integer> notKept) {
      super(exchange.getResponse());
      this.exchange = exchange;
      this.scope = scope;
      this.key = key;
      this.hash = hash;
      this.notKept = notKept;
    }

    /**
     * Settles exactly once, then writes. (A {@code switchIfEmpty} after a {@code flatMap} to
     * {@code Mono<Void>} always fired: every answer was settled a second time after it had gone out,
     * and that late {@link IdempotencyStore#complete} could mark the client's next request with the
     * same key COMPLETED with this answer.)
     */
    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return DataBufferUtils.join(body)
          .map(Optional::of)
          .defaultIfEmpty(Optional.empty())
          .flatMap(joined -> joined.map(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                int start = buffer.readPosition();
                buffer.read(bytes);
                buffer.readPosition(start);
                return settle(bytes).then(getDelegate().writeWith(Mono.just(buffer)));
              })
              .orElseGet(() -> settle(new byte[0]).then(getDelegate().setComplete())));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return writeWith(Flux.from(body).concatMap(Flux::from));
    }

    @Override
    public Mono<Void> setComplete() {
      return isCommitted() ? getDelegate().setComplete() : settle(new byte[0]).then(getDelegate().setComplete());
    }

    private Mono<Void> settle(byte[] body) {
      int status = getStatusCode() == null ? 200 : getStatusCode().value();
      // An answer not worth keeping frees the key, unless the request changed data before it failed:
      // then the answer is kept, so the work is never done twice.
      Mono<Void> work = notKept.contains(status) || status >= 500
          ? store.release(scope, key, hash).flatMap(released -> released ? Mono.<Void>empty()
              : store.complete(scope, key, hash, status, headersJson(), withoutSecrets(body)))
          : store.complete(scope, key, hash, status, headersJson(), withoutSecrets(body));
      return work.onErrorResume(e -> {
        log.warn("Could not store the answer for an idempotency key", e);
        return Mono.empty();
      });
    }

    private byte[] withoutSecrets(byte[] body) {
      Set<String> secrets = exchange.getAttribute(SecretFields.ATTRIBUTE);
      if (secrets == null || body.length == 0) {
        return body;
      }
      JsonNode tree = json.readTree(body);
      blank(tree, secrets);
      return json.writeValueAsBytes(tree);
    }

    private String headersJson() {
      Map<String, String> kept = new LinkedHashMap<>();
      getHeaders().forEach((name, values) -> {
        if (KEPT_HEADERS.stream().anyMatch(name::equalsIgnoreCase) && !values.isEmpty()) {
          kept.put(name, values.get(0));
        }
      });
      return json.writeValueAsString(kept);
    }
  }

  private static void blank(JsonNode node, Set<String> names) {
    if (node instanceof ObjectNode object) {
      for (String name : names) {
        if (object.has(name)) {
          object.putNull(name);
        }
      }
    }
    for (JsonNode child : node) {
      blank(child, names);
    }
  }

  /**
   * Whose keys these are: a tenant's, a public link's (only the hash of its path is kept, the path
   * holds the token), or the operator's. Null where keys do not apply: the provider webhooks, which
   * deduplicate on the provider's event id, and anything anonymous that is not a public link.
   */
  private static String scope(ServerWebExchange exchange, String path) {
    Caller caller = exchange.getAttribute(Caller.class.getName());
    if (caller != null) {
      return caller.tenantId().toString();
    }
    if (exchange.getAttribute(Operator.class.getName()) != null) {
      return "admin";
    }
    if (PublicRoutes.matches(PublicRoutes.PUBLIC_LINKS, exchange.getRequest())) {
      String[] parts = path.split("/");
      String resource = String.join("/", parts[1], parts[2], parts[3], parts[4]);
      return PUBLIC_SCOPE + HexFormat.of().formatHex(Digests.sha256(resource));
    }
    return null;
  }

  private static byte[] requestHash(ServerWebExchange exchange, String path, byte[] body) {
    MessageDigest digest = Digests.sha256();
    String query = exchange.getRequest().getURI().getRawQuery();
    digest.update((exchange.getRequest().getMethod().name() + " " + path
        + (query == null ? "" : "?" + query) + "\n").getBytes(StandardCharsets.UTF_8));
    digest.update(body);
    return digest.digest();
  }

  private static byte[] drain(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static HttpHeaders retryAfter() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    return headers;
  }
}
