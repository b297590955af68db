package io.bookpay.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A provider to create, or its new state: where they work and what they offer. */
public record ProviderInput(
    @NotBlank @Size(max = 200) String name,
    @Size(max = 50) List<@NotNull UUID> locationIds,
    @Size(max = 500) List<@NotNull UUID> serviceIds) {

  List<UUID> locations() {
    return locationIds == null ? List.of() : locationIds.stream().distinct().sorted().toList();
  }

  List<UUID> services() {
    return serviceIds == null ? List.of() : serviceIds.stream().distinct().sorted().toList();
  }
}
