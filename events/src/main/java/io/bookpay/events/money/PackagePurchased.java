package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The customer paid for {@code sessions} sessions of a service, sold on an invoice line (kind PACKAGE). */
@EventType("PackagePurchased")
public record PackagePurchased(UUID purchaseId, UUID packageId, UUID customerId, UUID invoiceId, UUID serviceId, int sessions,
    long amount, String currency) implements PackageEvent {}
