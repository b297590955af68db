package io.bookpay.link;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A link as its owner sees it, with its status when it was read. The token is not here: it exists
 * only in the creation response.
 */
public record Link(
    UUID id, @JsonIgnore UUID tenantId, UUID serviceId, UUID providerId, UUID customerId, Prefill prefill,
    Instant validFrom, Instant expiresAt, Integer maxUses, int uses, Instant revokedAt, Instant createdAt, LinkStatus status) {

  /** Details to fill the booking form with; any may be null. */
  public record Prefill(String name, String email, String phone) {}

  public LinkStatus status(Instant now) {
    if (revokedAt != null) {
      return LinkStatus.REVOKED;
    }
    if (maxUses != null && uses >= maxUses) {
      return LinkStatus.EXHAUSTED;
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return LinkStatus.EXPIRED;
    }
    return LinkStatus.ACTIVE;
  }

  /** The same link with its status as of {@code now}. */
  Link at(Instant now) {
    return new Link(id, tenantId, serviceId, providerId, customerId, prefill, validFrom, expiresAt, maxUses, uses, revokedAt,
        createdAt, status(now));
  }
}
