package io.bookpay.events.link;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** A business created a link; nulls mean "any provider", "customer enters details", "no limit". */
@EventType("LinkCreated")
public record LinkCreated(UUID linkId, UUID serviceId, UUID providerId, UUID customerId, Instant validFrom, Instant expiresAt,
    Integer maxUses) implements LinkEvent {}
