package io.bookpay.link;

import java.time.Instant;
import java.util.UUID;

/** What the client who opens a link sees. No ids of the tenant, no token. */
public record PublicLink(
    String business, Service service, Provider provider, String timeZone, LinkStatus status,
    Instant validFrom, Instant expiresAt, Integer remainingUses, Link.Prefill prefill) {

  public record Service(String name, int durationMinutes, long priceAmount, String currency) {}

  public record Provider(UUID id, String name) {}
}
