package io.bookpay.events.money;

import io.bookpay.events.DomainEvent;

/** Every money event; the sub-interfaces name the aggregate, and so the Kafka key. */
public sealed interface MoneyEvent extends DomainEvent
    permits InvoiceEvent, GiftCardEvent, PackageEvent, MembershipEvent {}
