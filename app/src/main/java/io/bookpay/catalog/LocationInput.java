package io.bookpay.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;

/** A location to create, or its new state. {@code timeZone} is an IANA region such as Europe/Berlin. */
public record LocationInput(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 64) String timeZone,
    @Size(max = 500) String address) {

  @AssertTrue(message = "must be an IANA time zone such as Europe/Berlin")
  boolean isTimeZone() {
    return timeZone == null || ZoneId.getAvailableZoneIds().contains(timeZone);
  }
}
