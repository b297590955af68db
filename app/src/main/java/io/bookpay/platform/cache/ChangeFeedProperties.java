package io.bookpay.platform.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled run this instance's {@link ChangeFeed} ({@code BOOKPAY_CACHE_INVALIDATION_ENABLED}); it is
 *     not a projection, so {@code bookpay.kafka.consumers-enabled} does not switch it off. Off, every
 *     cache keeps entries only for its short TTL
 * @param checkInterval how often the feed proves it still reaches the broker; it counts as live for
 *     twice this long after the last proof
 */
@ConfigurationProperties("bookpay.cache-invalidation")
public record ChangeFeedProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2s") Duration checkInterval) {

  public ChangeFeedProperties {
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("bookpay.cache-invalidation.check-interval must be positive");
    }
  }
}
