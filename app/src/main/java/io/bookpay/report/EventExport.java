package io.bookpay.report;

import io.bookpay.projection.analytics.EventLog.Row;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** One exported row of the event log as an NDJSON line or a CSV record (RFC 4180: CRLF, quotes doubled). */
final class EventExport {

  static final String CSV_HEADER = "eventId,type,occurredAt,customerId,linkId,sessionId,data\r\n";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EventExport() {}

  /** {@code {"eventId":…,"type":…,"occurredAt":…,"customerId":…,"linkId":…,"sessionId":…,"data":{…}}} and a newline. */
  static byte[] ndjson(Row row) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256 + row.data().length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("eventId", row.eventId().toString());
      g.writeStringProperty("type", row.type());
      g.writeStringProperty("occurredAt", row.occurredAt().toString());
      g.writeStringProperty("customerId", row.customerId() == null ? null : row.customerId().toString());
      g.writeStringProperty("linkId", row.linkId() == null ? null : row.linkId().toString());
      g.writeStringProperty("sessionId", row.sessionId());
      g.writeName("data");
      g.writeRawValue(row.data()); // jsonb's own text: valid JSON by construction
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  static byte[] csv(Row row) {
    StringBuilder line = new StringBuilder(256 + row.data().length());
    line.append(row.eventId()).append(',');
    field(line, row.type()).append(',');
    line.append(row.occurredAt()).append(',');
    line.append(row.customerId() == null ? "" : row.customerId()).append(',');
    line.append(row.linkId() == null ? "" : row.linkId()).append(',');
    field(line, row.sessionId()).append(',');
    field(line, row.data()).append("\r\n");
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A field, quoted when it holds a comma, a quote or a line break (RFC 4180, 2.6–2.7); empty for null. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return out.append(value);
    }
    return out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
