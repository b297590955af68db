package io.bookpay.invoice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A draft invoice. Amounts are minor units; {@code taxRate} is a percentage (8.875 = 8.875 %) with at
 * most four decimals. PACKAGE and MEMBERSHIP lines name their package or tier in {@code refId}.
 */
public record NewInvoice(
    @NotNull UUID customerId,
    UUID bookingId,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency,
    @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lineItems,
    @Size(max = 40) String couponCode,
    Instant dueAt) {

  public record Line(
      @NotNull LineKind kind,
      @NotBlank @Size(max = 500) String description,
      @NotNull @Min(1) @Max(10_000) Integer quantity,
      @NotNull @Min(0) @Max(100_000_000_000L) Long unitAmount,
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal taxRate,
      UUID refId) {}
}
