package io.bookpay.customer;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer to register. A customer must be reachable, so email or phone (or both) is required.
 */
public record NewCustomer(
    @NotBlank @Size(max = 200) String name,
    @Email @Size(max = 320) String email,
    @Pattern(regexp = "\\+?[0-9][0-9 ().-]{2,30}", message = "must be a phone number such as +1 555 0100")
        String phone) {

  @AssertTrue(message = "email or phone is required")
  boolean isReachable() {
    return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank());
  }
}
