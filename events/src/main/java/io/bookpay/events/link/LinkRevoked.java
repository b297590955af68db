package io.bookpay.events.link;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A business revoked a link; it answers 410 from now on. */
@EventType("LinkRevoked")
public record LinkRevoked(UUID linkId) implements LinkEvent {}
