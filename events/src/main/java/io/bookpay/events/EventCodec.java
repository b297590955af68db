package io.bookpay.events;

import java.util.UUID;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of an {@link EventEnvelope}. The envelope's fields sit at the top level with the event
 * under {@code payload}. Decoding is lenient towards the future: an unknown event type or an added
 * payload field still yields the envelope, so an older consumer keeps counting newer events.
 */
public final class EventCodec {

  private final JsonMapper mapper;

  public EventCodec() {
    this(JsonMapper.builder().build());
  }

  public EventCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public byte[] encode(EventEnvelope envelope) {
    ObjectNode json = mapper.createObjectNode();
    json.put("eventId", envelope.eventId().toString());
    json.put("type", envelope.type());
    json.put("schemaVersion", envelope.schemaVersion());
    json.put("tenantId", envelope.tenantId().toString());
    json.put("aggregateType", envelope.aggregateType());
    json.put("aggregateId", envelope.aggregateId().toString());
    json.put("occurredAt", envelope.occurredAt().toString());
    json.set("payload", mapper.valueToTree(envelope.payload()));
    return mapper.writeValueAsBytes(json);
  }

  /**
   * Reads an envelope.
   *
   * @throws MalformedEventException when the bytes are not an envelope
   */
  public EventEnvelope decode(byte[] bytes) {
    try {
      JsonNode json = mapper.readTree(bytes);
      String type = text(json, "type");
      JsonNode payloadJson = json.get("payload");
      DomainEvent payload =
          EventTypes.byName(type)
              .filter(cls -> payloadJson != null && payloadJson.isObject())
              .map(cls -> (DomainEvent) mapper.treeToValue(payloadJson, cls))
              .orElse(null);
      return new EventEnvelope(
          UUID.fromString(text(json, "eventId")),
          type,
          json.path("schemaVersion").asInt(1),
          UUID.fromString(text(json, "tenantId")),
          text(json, "aggregateType"),
          UUID.fromString(text(json, "aggregateId")),
          Instant.parse(text(json, "occurredAt")),
          payload);
    } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new MalformedEventException("not a Bookpay event envelope: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isString()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return node.asString();
  }
}
