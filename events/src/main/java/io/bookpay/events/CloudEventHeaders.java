package io.bookpay.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 attributes for the Kafka protocol binding in binary mode: each attribute is a
 * {@code ce_}-prefixed record header and the record value is the event data. Any Kafka client can
 * route or filter on them without parsing the body.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  /** Extension attribute: the tenant the event belongs to. */
  public static final String TENANT_ID = "ce_tenantid";
  /** Extension attribute: the payload's schema version. */
  public static final String SCHEMA_VERSION = "ce_schemaversion";
  public static final String CONTENT_TYPE = "content-type";

  /** The prefix of {@code ce_type}: {@code io.bookpay.CustomerRegistered}. */
  public static final String TYPE_PREFIX = "io.bookpay.";

  private CloudEventHeaders() {}

  /** The headers for one envelope, in a stable order, as UTF-8 bytes. */
  public static Map<String, byte[]> of(EventEnvelope envelope) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(SPEC_VERSION, "1.0");
    values.put(ID, envelope.eventId().toString());
    values.put(SOURCE, "/bookpay/tenants/" + envelope.tenantId());
    values.put(TYPE, TYPE_PREFIX + envelope.type());
    values.put(TIME, envelope.occurredAt().toString());
    values.put(SUBJECT, envelope.aggregateType() + "/" + envelope.aggregateId());
    values.put(TENANT_ID, envelope.tenantId().toString());
    values.put(SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
    values.put(CONTENT_TYPE, "application/json");
    Map<String, byte[]> headers = new LinkedHashMap<>();
    values.forEach((name, value) -> headers.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }
}
