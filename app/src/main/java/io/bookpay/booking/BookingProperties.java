package io.bookpay.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param holdDuration how long a HELD booking keeps its slot without confirmation
 * @param sweepInterval how often lapsed holds are expired (the insert path also expires the ones in its way)
 * @param maxAvailabilityDays the longest range one availability query may ask for
 * @param busyCacheTtl how long slot searches may reuse a provider's busy ranges (see {@code BusyCache}):
 *     this instance's own booking changes clear them at once; another instance's are seen within it.
 *     Zero reads them for every search.
 */
@ConfigurationProperties("bookpay.bookings")
public record BookingProperties(
    @DefaultValue("5m") Duration holdDuration,
    @DefaultValue("5s") Duration sweepInterval,
    @DefaultValue("500") int sweepBatchSize,
    @DefaultValue("31") int maxAvailabilityDays,
    @DefaultValue("5s") Duration busyCacheTtl) {}
