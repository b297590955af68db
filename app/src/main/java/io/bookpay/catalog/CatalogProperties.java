package io.bookpay.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long the booking paths' catalog reads are served from memory (a change through
 *     this instance clears its tenant's entries at once; other instances follow within this time)
 * @param cacheSize entries kept at most (a service, a description, or a provider set's schedules for some days)
 */
@ConfigurationProperties("bookpay.catalog")
public record CatalogProperties(
    @DefaultValue("5s") Duration cacheTtl,
    @DefaultValue("50000") long cacheSize) {}
