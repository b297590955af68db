package io.bookpay.events.customer;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A business registered a customer. Email and phone may be null. */
@EventType("CustomerRegistered")
public record CustomerRegistered(UUID customerId, String name, String email, String phone)
    implements CustomerEvent {}
