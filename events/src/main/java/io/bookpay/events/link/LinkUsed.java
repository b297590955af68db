package io.bookpay.events.link;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A booking was made through the link; {@code uses} counts them so far. */
@EventType("LinkUsed")
public record LinkUsed(UUID linkId, UUID bookingId, int uses) implements LinkEvent {}
