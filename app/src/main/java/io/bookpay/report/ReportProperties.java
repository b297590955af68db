package io.bookpay.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long a report's answer is kept in memory; an applied event of the tenant drops
 *     it at once in the instance that applied it, so this bounds how stale another instance's copy
 *     can be ({@code 0} disables the cache)
 * @param cacheMaxEntries answers kept at most, over all tenants
 */
@ConfigurationProperties("bookpay.reports")
public record ReportProperties(
    @DefaultValue("30s") Duration cacheTtl,
    @DefaultValue("10000") long cacheMaxEntries) {}
