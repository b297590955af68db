package io.bookpay.tenant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tenant read of link resolution ({@link TenantService#get}), held in memory: a profile change
 * through this instance clears it at once, another instance's through its TenantProfileChanged on
 * the cache invalidation feed.
 *
 * @param cacheTtl how long an entry lives while the feed is not live (the backstop)
 * @param cacheTtlLive how long while the feed is live
 * @param cacheSize tenants kept at most
 */
@ConfigurationProperties("bookpay.tenants")
public record TenantProperties(
    @DefaultValue("5s") Duration cacheTtl,
    @DefaultValue("60s") Duration cacheTtlLive,
    @DefaultValue("10000") long cacheSize) {}
