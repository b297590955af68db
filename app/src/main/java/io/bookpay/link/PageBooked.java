package io.bookpay.link;

import io.bookpay.booking.BookingStatus;
import java.time.Instant;

/**
 * A booking made on a link's page, as its confirmation page shows it.
 *
 * @param page what the link's page shows (business, service, place)
 * @param cancellableUntil the start less the service's minimum notice: the client may cancel before it
 * @param cancellable whether the client may cancel now (an active booking before {@code cancellableUntil})
 */
public record PageBooked(LinkPage page, BookingStatus status, Instant start, Instant end, long priceAmount, String currency,
    Instant cancellableUntil, boolean cancellable) {}
