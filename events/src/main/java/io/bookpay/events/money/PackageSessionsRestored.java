package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The refund that removed {@code sessions} sessions failed, so they are back. */
@EventType("PackageSessionsRestored")
public record PackageSessionsRestored(UUID purchaseId, UUID invoiceId, UUID refundId, int sessions, int sessionsRemaining)
    implements PackageEvent {}
