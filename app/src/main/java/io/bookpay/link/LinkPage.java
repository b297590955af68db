package io.bookpay.link;

import java.time.Instant;

/**
 * Everything the booking page of a link shows, in the public's words: no internal ids, no token.
 *
 * @param business the tenant's display name (or its name)
 * @param brandColor {@code #rrggbb} or null; {@code logoUrl} https or null
 * @param timeZone the IANA zone of the location, in which times are shown
 * @param prefill what the form starts with (any may be null)
 * @param customerKnown whether the link names a customer, whose details the form then does not ask
 */
public record LinkPage(
    String business, String brandColor, String logoUrl, String contactEmail, String contactPhone, String businessAddress,
    String serviceName, int durationMinutes, long priceAmount, String currency, String providerName,
    String locationName, String locationAddress, String timeZone,
    LinkStatus status, Instant validFrom, Instant expiresAt, Link.Prefill prefill, boolean customerKnown) {

  static LinkPage of(LinkService.Resolved r, LinkStatus status) {
    var d = r.description();
    var t = r.tenant();
    Link link = r.link();
    return new LinkPage(t.publicName(), t.brandColor(), t.logoUrl(), t.contactEmail(), t.contactPhone(), t.address(),
        d.serviceName(), d.durationMinutes(), d.priceAmount(), d.currency(), link.providerId() == null ? null : d.providerName(),
        d.locationName(), d.address(), d.timeZone() == null ? "UTC" : d.timeZone(),
        status, link.validFrom(), link.expiresAt(), link.prefill(), link.customerId() != null);
  }
}
