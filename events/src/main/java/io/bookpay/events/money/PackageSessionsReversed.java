package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A refund of the invoice that sold the package removed {@code sessions} unused sessions. */
@EventType("PackageSessionsReversed")
public record PackageSessionsReversed(UUID purchaseId, UUID invoiceId, UUID refundId, int sessions, int sessionsRemaining)
    implements PackageEvent {}
