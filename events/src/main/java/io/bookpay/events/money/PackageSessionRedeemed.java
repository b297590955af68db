package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** One session of the package paid for a booking. */
@EventType("PackageSessionRedeemed")
public record PackageSessionRedeemed(UUID purchaseId, UUID bookingId, UUID customerId, int sessionsRemaining)
    implements PackageEvent {}
