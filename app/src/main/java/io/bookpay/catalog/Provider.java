package io.bookpay.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person who delivers services, at the locations they work at. */
public record Provider(
    UUID id, @JsonIgnore UUID tenantId, String name, boolean active, List<UUID> locationIds, List<UUID> serviceIds,
    long version, Instant createdAt, Instant updatedAt) {}
