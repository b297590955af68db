package io.bookpay.tracking;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One custom event as a client sends it. Checked as a whole list by {@link CustomEventRules}, so a
 * 400 names every bad item, not only the first.
 *
 * @param type the tenant's own event type, {@code [a-z][a-z0-9_.-]{0,63}} (a domain event's name
 *     starts with a capital, so the two never collide)
 * @param occurredAt when it happened, as the client says
 * @param customerId the customer it concerns, if any (not taken from a link's page: there the link's own customer is used)
 * @param sessionId the client's session, if any: {@code [A-Za-z0-9._:-]}, at most 128 characters
 * @param data a JSON object of at most 8 KB, or absent
 */
public record CustomEventInput(String type, Instant occurredAt, UUID customerId, String sessionId, JsonNode data) {}
