package io.bookpay.link;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicBaseUrl a link's URL is this plus its token: the base of its booking page ({@code GET /b/{token}})
 * @param cacheTtl how long public link lookups are served from memory (revocation and use-up
 *     clear this instance's entry at once; other instances follow within this time)
 * @param viewFlushInterval views are counted in memory and published as LinkViewed this often
 * @param trustedProxies peers whose X-Forwarded-For is believed (IPs or CIDR blocks)
 */
@ConfigurationProperties("bookpay.links")
public record LinkProperties(
    @DefaultValue("http://localhost:8080/b/") String publicBaseUrl,
    @DefaultValue("5s") Duration cacheTtl,
    @DefaultValue("1s") Duration viewFlushInterval,
    @DefaultValue List<String> trustedProxies,
    @DefaultValue RateLimits rateLimits) {

  /**
   * Token buckets: each allows {@code capacity} requests at once and refills that many per
   * {@code period}. Lookups of unknown tokens (enumeration) get their own, much smaller bucket; a
   * page's analytics events their own per link, so a chatty page cannot spend the link's budget for
   * slots and bookings.
   */
  public record RateLimits(
      @DefaultValue Limit perToken,
      @DefaultValue Limit perIp,
      @DefaultValue Limit unknownTokenPerIp,
      @DefaultValue Limit eventsPerToken) {

    public RateLimits {
      eventsPerToken = eventsPerToken.capacity() > 0 ? eventsPerToken : new Limit(600, Duration.ofMinutes(1));
      perToken = perToken.capacity() > 0 ? perToken : new Limit(60, Duration.ofMinutes(1));
      perIp = perIp.capacity() > 0 ? perIp : new Limit(300, Duration.ofMinutes(1));
      unknownTokenPerIp = unknownTokenPerIp.capacity() > 0 ? unknownTokenPerIp : new Limit(10, Duration.ofMinutes(10));
    }
  }

  public record Limit(@DefaultValue("0") long capacity, @DefaultValue("1m") Duration period) {}
}
