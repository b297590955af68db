package io.bookpay.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Currency;

/**
 * A service to create, or its new state. Minutes and days are whole numbers; a missing slot
 * interval defaults to the duration, missing buffers and notice to 0, a missing advance window to 90 days.
 */
public record OfferingInput(
    @NotBlank @Size(max = 200) String name,
    @NotNull @Min(1) @Max(1440) Integer durationMinutes,
    @NotNull @PositiveOrZero Long priceAmount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
    @Min(0) @Max(720) Integer bufferBeforeMinutes,
    @Min(0) @Max(720) Integer bufferAfterMinutes,
    @Min(0) @Max(525600) Integer minNoticeMinutes,
    @Min(1) @Max(730) Integer maxAdvanceDays,
    @Min(1) @Max(1440) Integer slotIntervalMinutes) {

  @AssertTrue(message = "currency must be an ISO 4217 code such as EUR")
  boolean isKnownCurrency() {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      return true; // reported by @Pattern
    }
    try {
      Currency.getInstance(currency);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  int interval() {
    return slotIntervalMinutes != null ? slotIntervalMinutes : durationMinutes;
  }

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
