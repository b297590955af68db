package io.bookpay.events.customer;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A business deleted a customer (soft delete: history that refers to the customer stays). */
@EventType("CustomerDeleted")
public record CustomerDeleted(UUID customerId) implements CustomerEvent {}
