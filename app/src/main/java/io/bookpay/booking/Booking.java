package io.bookpay.booking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import java.time.Instant;
import java.util.UUID;

/** An appointment of a customer with a provider for a service, at a location, over [start, end). */
public record Booking(
    UUID id, @JsonIgnore UUID tenantId, UUID serviceId, UUID providerId, UUID locationId, UUID customerId,
    BookingStatus status, Instant start, Instant end, Instant holdExpiresAt, long priceAmount, String currency,
    String notes, long version, Instant createdAt, Instant updatedAt) {

  BookingFacts facts() {
    return new BookingFacts(id, providerId, serviceId, customerId, locationId, start, end, priceAmount, currency);
  }
}
