package io.bookpay.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.util.UUID;

/**
 * One weekly window in the location's local time: ISO weekday (1 = Monday .. 7 = Sunday), start
 * inclusive, end exclusive, such as {@code 09:00}–{@code 17:00}.
 */
public record WorkingHours(
    @NotNull UUID locationId, @NotNull @Min(1) @Max(7) Integer weekday, @NotNull LocalTime start, @NotNull LocalTime end) {}
