package io.bookpay.booking;

import io.bookpay.customer.NewCustomer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking request. Without {@code providerId} Bookpay assigns a free provider who offers the
 * service. The customer is an existing one ({@code customerId}) or given inline ({@code customer}),
 * which finds the tenant's customer with that email or registers a new one. {@code hold: true}
 * places a hold instead of confirming.
 */
public record NewBooking(
    @NotNull UUID serviceId,
    UUID providerId,
    UUID customerId,
    @Valid NewCustomer customer,
    @NotNull Instant start,
    Boolean hold,
    @Size(max = 2000) String notes) {

  @AssertTrue(message = "give exactly one of customerId and customer")
  boolean isOneCustomer() {
    return (customerId == null) != (customer == null);
  }

  boolean isHold() {
    return Boolean.TRUE.equals(hold);
  }
}
