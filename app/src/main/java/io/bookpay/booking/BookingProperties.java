package io.bookpay.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param holdDuration how long a HELD booking keeps its slot without confirmation
 * @param sweepInterval how often lapsed holds are expired (the insert path also expires the ones in its way)
 * @param maxAvailabilityDays the longest range one availability query may ask for
 */
@ConfigurationProperties("bookpay.bookings")
public record BookingProperties(
    @DefaultValue("5m") Duration holdDuration,
    @DefaultValue("5s") Duration sweepInterval,
    @DefaultValue("500") int sweepBatchSize,
    @DefaultValue("31") int maxAvailabilityDays) {}
