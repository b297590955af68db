package io.bookpay.link;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) for the public link API, per client IP, per link token, and per IP for
 * lookups of unknown tokens, which is where enumeration shows. Buckets live in this instance's
 * memory: with n instances behind a balancer a client gets up to n times the budget, unless the
 * balancer keeps clients on one instance (see README).
 */
@Component
class PublicRateLimits {

  private final LinkProperties.RateLimits limits;
  private final Cache<String, Bucket> perIp = buckets();
  private final Cache<String, Bucket> perToken = buckets();
  private final Cache<String, Bucket> unknownPerIp = buckets();
  private final Cache<String, Bucket> eventsPerToken = buckets();

  PublicRateLimits(LinkProperties properties) {
    this.limits = properties.rateLimits();
  }

  private static Cache<String, Bucket> buckets() {
    return Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofHours(1)).build();
  }

  void ip(String ip) {
    consume(perIp, ip, limits.perIp(), "Too many requests from your address.");
  }

  void token(String tokenKey) {
    consume(perToken, tokenKey, limits.perToken(), "Too many requests for this link.");
  }

  /** Each event costs one token, so a request of fifty spends fifty (at most the whole budget, so it can pass when full). */
  void events(String tokenKey, int count) {
    consume(eventsPerToken, tokenKey, limits.eventsPerToken(), Math.max(1, Math.min(count, limits.eventsPerToken().capacity())),
        "Too many analytics events for this link.");
  }

  /** Refuses at once, without a lookup, when the address has used up its unknown-token budget. */
  void checkUnknownBudget(String ip) {
    Bucket bucket = bucket(unknownPerIp, ip, limits.unknownTokenPerIp());
    if (bucket.getAvailableTokens() <= 0) {
      consume(unknownPerIp, ip, limits.unknownTokenPerIp(), "Too many unknown links from your address.");
    }
  }

  void unknownToken(String ip) {
    consume(unknownPerIp, ip, limits.unknownTokenPerIp(), "Too many unknown links from your address.");
  }

  private void consume(Cache<String, Bucket> family, String key, LinkProperties.Limit limit, String detail) {
    consume(family, key, limit, 1, detail);
  }

  private void consume(Cache<String, Bucket> family, String key, LinkProperties.Limit limit, long tokens, String detail) {
    ConsumptionProbe probe = bucket(family, key, limit).tryConsumeAndReturnRemaining(tokens);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiException(ProblemType.RATE_LIMITED, detail + " Retry in " + seconds + " s.", Map.of("retryAfterSeconds", seconds), headers);
    }
  }

  private static Bucket bucket(Cache<String, Bucket> family, String key, LinkProperties.Limit limit) {
    return family.get(key, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
        .build());
  }
}
