package io.bookpay.link;

import io.bookpay.customer.NewCustomer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A link to create. {@code customer} either names an existing customer ({@code customerId}) or
 * prefills the form ({@code name}, {@code email}, {@code phone}). {@code maxUses} 1 makes it single use.
 */
public record NewLink(
    @NotNull UUID serviceId,
    UUID providerId,
    @Valid CustomerRef customer,
    Instant validFrom,
    Instant expiresAt,
    @Min(1) @Max(100_000) Integer maxUses) {

  /** An existing customer, or details to prefill; not both. */
  public record CustomerRef(
      UUID customerId,
      @Size(max = 200) String name,
      @Email @Size(max = 320) String email,
      @Pattern(regexp = "\\+?[0-9][0-9 ().-]{2,30}", message = "must be a phone number such as +1 555 0100") String phone) {

    @AssertTrue(message = "give customerId or prefill details, not both")
    boolean isOneKind() {
      return customerId == null || (name == null && email == null && phone == null);
    }

    NewCustomer asNewCustomer() {
      return new NewCustomer(name, email, phone);
    }
  }

  @AssertTrue(message = "expiresAt must be after validFrom")
  boolean isOrdered() {
    return validFrom == null || expiresAt == null || expiresAt.isAfter(validFrom);
  }
}
