package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A document was attached; {@code sha256} is hex. The content itself never travels in an event. */
@EventType("ClaimDocumentAdded")
public record ClaimDocumentAdded(UUID claimId, UUID documentId, String filename, String contentType, long sizeBytes, String sha256)
    implements ClaimEvent {}
