package io.bookpay.link;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What the client who opens a link sees. No ids of the tenant (not even the provider's), no token. */
public record PublicLink(
    String business, Service service, Provider provider, String timeZone, LinkStatus status,
    Instant validFrom, Instant expiresAt, Integer remainingUses, Link.Prefill prefill) {

  @Schema(name = "PublicService")
  public record Service(String name, int durationMinutes, long priceAmount, String currency) {}

  /** The provider the link is for, by name only: the public sees no internal ids. */
  @Schema(name = "PublicProvider")
  public record Provider(String name) {}
}
