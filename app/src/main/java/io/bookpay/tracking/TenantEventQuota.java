package io.bookpay.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * How many custom events a tenant may record a minute, from its API clients and its links' pages
 * together (Bucket4j, one bucket per tenant in this instance's memory). Every tenant's events share
 * one outbox relay and one analytics consumer, so one tenant's flood must not become everyone's lag.
 * Each event costs one token; a batch larger than the whole quota costs the whole quota.
 */
@Component
class TenantEventQuota {

  private final long perMinute;
  private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

  TenantEventQuota(@Value("${bookpay.tracking.events-per-tenant-per-minute:6000}") long perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("bookpay.tracking.events-per-tenant-per-minute must be at least 1");
    }
    this.perMinute = perMinute;
  }

  void charge(UUID tenantId, int events) {
    Bucket bucket = buckets.get(tenantId, id -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.max(1, Math.min(events, perMinute)));
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiException(ProblemType.RATE_LIMITED, "This tenant records at most " + perMinute + " custom events a minute."
          + " Retry in " + seconds + " s.", Map.of("retryAfterSeconds", seconds), headers);
    }
  }
}
