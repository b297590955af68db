package io.bookpay.booking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An appointment of a customer with a provider for a service, at a location, over [start, end).
 * {@code attendee} is who the booker said it is for; {@code attendeeVerified} is false when a
 * public link's client typed an email that matched an existing customer, so the booking sits on
 * that customer's record on the client's word alone.
 */
public record Booking(
    UUID id, @JsonIgnore UUID tenantId, UUID serviceId, UUID providerId, UUID locationId, UUID customerId,
    BookingStatus status, Instant start, Instant end, Instant holdExpiresAt, long priceAmount, String currency,
    String notes, long version, Instant createdAt, Instant updatedAt,
    Attendee attendee,
    @Schema(description = "False when a public link's client typed an email that matched an existing customer: the booking was"
        + " put on that customer on the client's word alone (their record was not changed; `attendee` shows what was typed)."
        + " True when the business made the booking, named the customer, or the client was registered as a new customer.")
    boolean attendeeVerified) {

  /** The same booking on another customer, verified or not (the composed statement decides both). */
  Booking on(UUID customer, boolean verified) {
    return new Booking(id, tenantId, serviceId, providerId, locationId, customer, status, start, end, holdExpiresAt, priceAmount,
        currency, notes, version, createdAt, updatedAt, attendee, verified);
  }

  BookingFacts facts() {
    return new BookingFacts(id, providerId, serviceId, customerId, locationId, start, end, priceAmount, currency);
  }
}
