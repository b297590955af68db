package io.bookpay.claim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A document attached to a claim; {@code sha256} (hex) is of the bytes as stored, so a download can be checked. */
public record ClaimDocument(UUID id, UUID claimId, String filename, String contentType, long sizeBytes, String sha256,
    @JsonIgnore String store, Instant createdAt) {}
