package io.bookpay.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A family of token buckets (Bucket4j) by key, all with one limit: {@code capacity} requests at
 * once, refilled by that many per {@code period}. Over the limit is 429 with {@code Retry-After}.
 * The buckets live in this instance's memory (see README on several instances).
 */
public final class TokenBuckets {

  private final long capacity;
  private final Duration period;
  private final String detail;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofHours(1)).build();

  /** @param detail what the 429 says, e.g. "Too many webhooks for this endpoint." */
  public TokenBuckets(long capacity, Duration period, String detail) {
    this.capacity = capacity;
    this.period = period;
    this.detail = detail;
  }

  /** Takes one token of the key's bucket, or throws 429. */
  public void consume(String key) {
    ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
            .build())
        .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiException(ProblemType.RATE_LIMITED, detail + " Retry in " + seconds + " s.",
          Map.of("retryAfterSeconds", seconds), headers);
    }
  }
}
