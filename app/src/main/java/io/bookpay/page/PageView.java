package io.bookpay.page;

import io.bookpay.link.LinkPage;
import java.time.Instant;
import java.time.ZoneId;

/** A link page's words, formatted for the template: no logic left for the template but showing. */
record PageView(String business, String brandColor, String logoUrl, String contactEmail, String contactPhone, String businessAddress,
    String service, String duration, String price, String provider, String location, String address, String zoneId, String zoneName,
    String expires) {

  /** Readable on white and under white text (contrast checked by the browser test's accessibility run). */
  static final String DEFAULT_COLOR = "#1d5c87";

  static PageView of(LinkPage p, Instant now) {
    ZoneId zone = ZoneId.of(p.timeZone());
    return new PageView(p.business(), p.brandColor() == null ? DEFAULT_COLOR : p.brandColor(), p.logoUrl(), p.contactEmail(),
        p.contactPhone(), p.businessAddress(), p.serviceName(), PageFormat.duration(p.durationMinutes()),
        PageFormat.money(p.priceAmount(), p.currency()), p.providerName(), p.locationName(), p.locationAddress(), zone.getId(),
        PageFormat.zoneName(zone, now),
        p.expiresAt() == null ? null : PageFormat.longDay(p.expiresAt(), zone) + " " + PageFormat.time(p.expiresAt(), zone));
  }
}
