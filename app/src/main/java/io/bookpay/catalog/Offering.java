package io.bookpay.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A service a tenant sells ("service" in the API; named otherwise here to stay clear of Spring's
 * {@code @Service}). Prices are minor units of {@code currency}.
 */
public record Offering(
    UUID id, @JsonIgnore UUID tenantId, String name, int durationMinutes, long priceAmount, String currency,
    int bufferBeforeMinutes, int bufferAfterMinutes, int minNoticeMinutes, int maxAdvanceDays, int slotIntervalMinutes,
    boolean active, long version, Instant createdAt, Instant updatedAt) {

  @JsonIgnore
  public Duration duration() {
    return Duration.ofMinutes(durationMinutes);
  }

  @JsonIgnore
  public Duration bufferBefore() {
    return Duration.ofMinutes(bufferBeforeMinutes);
  }

  @JsonIgnore
  public Duration bufferAfter() {
    return Duration.ofMinutes(bufferAfterMinutes);
  }

  @JsonIgnore
  public Duration interval() {
    return Duration.ofMinutes(slotIntervalMinutes);
  }

  @JsonIgnore
  public Duration minNotice() {
    return Duration.ofMinutes(minNoticeMinutes);
  }

  @JsonIgnore
  public Duration maxAdvance() {
    return Duration.ofDays(maxAdvanceDays);
  }
}
