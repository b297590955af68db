package io.bookpay.customer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A person who books and pays, known to one tenant. */
public record Customer(
    UUID id,
    @JsonIgnore UUID tenantId,
    String name,
    String email,
    String phone,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** The entity tag of this version, for {@code ETag} / {@code If-Match}. */
  public String etag() {
    return "\"" + version + "\"";
  }
}
