package io.bookpay.link;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking as the public client who made it sees it: its own id and what was booked, nothing of
 * the tenant's records (no customer, service, provider or location ids). It reads the same whether
 * the typed email was already a customer's or not, so the answer tells nobody who is a customer.
 */
@Schema(description = "A booking made through a link, as its client sees it: its own id and what was booked, no other ids")
public record PublicBooking(UUID id, BookingStatus status, Instant start, Instant end, long priceAmount, String currency) {

  static PublicBooking of(Booking b) {
    return new PublicBooking(b.id(), b.status(), b.start(), b.end(), b.priceAmount(), b.currency());
  }
}
