package io.bookpay.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long the booking paths' catalog reads are served from memory while the cache
 *     invalidation feed is not live (Kafka away, the feed off or not yet assigned): the backstop that
 *     bounds how long another instance's change may go unseen. A change through this instance clears
 *     its tenant's entries at once, whatever the TTL
 * @param cacheTtlLive how long while the feed is live: another instance's change then clears the
 *     entries when its event arrives (the relay's delay plus a poll), so this only bounds the damage
 *     of a relay that stalls while Kafka stays up
 * @param cacheSize entries kept at most (a service, a description, or a provider set's schedules for some days)
 */
@ConfigurationProperties("bookpay.catalog")
public record CatalogProperties(
    @DefaultValue("5s") Duration cacheTtl,
    @DefaultValue("60s") Duration cacheTtlLive,
    @DefaultValue("50000") long cacheSize) {}
