package io.bookpay.platform.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Example bodies made from the schemas, so that every request and answer of the description shows
 * one and none drifts from its record: each field takes the value a person would write for it
 * (a customer is Ada Lovelace, a price is 6000 minor units of USD), and an id names what it is the
 * id of, so that a booking's {@code customerId} is the customer example's {@code id}. A schema's
 * own {@code example}, where a record declares one, wins.
 */
final class Examples {

  /** Fields an example leaves out, as the API does while they are unset (null fields are not sent). */
  private static final Set<String> UNSET = Set.of("revokedAt", "voidedAt", "endedAt", "capturedAfterCancelAt", "failureReason",
      "lastError", "holdExpiresAt", "paidAt", "processedAt", "approvedAmount", "paymentId", "giftCardId", "refundId", "secret",
      "couponId", "invoiceId", "bookingId", "validUntil", "maxRedemptions", "amountOff", "annualLimitAmount", "attendee",
      "gatewayReference", "reversalShortfall", "giftCardCode", "expiresAt", "couponCode", "dueAt", "finalizedAt", "giftCards",
      "customerId", "validFrom", "hold", "note", "refId", "nextAttemptAt");

  /** Which record a schema's {@code id} is the id of, where its name does not say so. */
  private static final Map<String, String> ENTITY = Map.ofEntries(
      Map.entry("Offering", "service"), Map.entry("IssuedGiftCard", "giftCard"), Map.entry("PackageDefinition", "package"),
      Map.entry("PackagePurchase", "purchase"), Map.entry("MembershipTier", "tier"), Map.entry("CoverageRule", "rule"),
      Map.entry("ClaimDocument", "document"), Map.entry("CreatedLink", "link"), Map.entry("WebhookSecret", "secret"),
      Map.entry("InboxEvent", "webhookEvent"), Map.entry("IssuedApiKey", "apiKey"), Map.entry("TenantCreated", "tenant"),
      Map.entry("Received", "webhookEvent"));

  private final Components components;

  Examples(Components components) {
    this.components = components;
  }

  /** An example of the schema (a $ref, an object, an array or a value); null for a binary body. */
  Object of(Schema<?> schema) {
    return of(null, null, schema, 0);
  }

  @SuppressWarnings("rawtypes")
  private Object of(String owner, String field, Schema<?> schema, int depth) {
    if (schema == null || depth > 6) {
      return null;
    }
    if (schema.getExample() != null) {
      return schema.getExample();
    }
    if (schema.get$ref() != null) {
      String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
      Schema<?> target = components.getSchemas() == null ? null : components.getSchemas().get(name);
      return target == null ? null : objectOf(name, target, depth + 1);
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      Object chosen = Values.of(owner, field, "string", null);
      return chosen != null && schema.getEnum().contains(chosen) ? chosen : schema.getEnum().get(0);
    }
    String type = type(schema);
    if ("array".equals(type)) {
      Object item = of(owner, field, schema.getItems(), depth + 1);
      return item == null ? List.of() : List.of(item);
    }
    if ("object".equals(type) || schema.getProperties() != null) {
      if (schema.getProperties() == null && schema.getAdditionalProperties() instanceof Schema values) {
        return Map.of("BookingConfirmed", of(owner, "count", values, depth + 1));
      }
      return objectOf(owner, schema, depth);
    }
    if ("binary".equals(schema.getFormat())) {
      return null;
    }
    if ("uuid".equals(schema.getFormat())) {
      return idOf(owner, field);
    }
    return Values.of(owner, field, type, schema.getFormat());
  }

  private Map<String, Object> objectOf(String name, Schema<?> schema, int depth) {
    Map<String, Object> example = new LinkedHashMap<>();
    if (schema.getProperties() == null) {
      return example;
    }
    schema.getProperties().forEach((field, property) -> {
      if (UNSET.contains(field) && !isRequired(schema, field) && !keeps(name, field)) {
        return;
      }
      Object value = of(name, field, property, depth + 1);
      if (value != null) {
        example.put(field, value);
      }
    });
    return example;
  }

  /** Fields that are unset in most records but the point of these. */
  private static boolean keeps(String schema, String field) {
    return switch (field) {
      case "customerId" -> !Set.of("Link", "CreatedLink", "NewBooking").contains(schema); // NewBooking: a customerId or a customer
      case "invoiceId" -> Set.of("Payment", "Refund", "PackagePurchase", "Membership").contains(schema);
      case "bookingId" -> Set.of("Redemption", "Invoice").contains(schema);
      case "paymentId" -> "Refund".equals(schema);
      case "secret" -> "NewSecret".equals(schema);
      case "expiresAt", "validFrom" -> Set.of("NewLink", "CreatedLink", "Link").contains(schema);
      case "validUntil" -> Set.of("EnrolmentInput", "EnrolmentUpdate", "Enrolment").contains(schema);
      case "couponCode" -> "BookingInvoice".equals(schema);
      case "dueAt" -> Set.of("NewInvoice", "BookingInvoice", "Invoice").contains(schema);
      case "finalizedAt" -> "Invoice".equals(schema);
      default -> false;
    };
  }

  private static boolean isRequired(Schema<?> schema, String field) {
    return schema.getRequired() != null && schema.getRequired().contains(field);
  }

  /** OpenAPI 3.1 writes a nullable field as {@code types: [string, null]}. */
  private static String type(Schema<?> schema) {
    if (schema.getType() != null) {
      return schema.getType();
    }
    if (schema.getTypes() != null) {
      return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
    }
    return null;
  }

  /** The same id for the same record wherever it appears: {@code Customer.id} is {@code Booking.customerId}. */
  private static String idOf(String owner, String field) {
    String entity;
    if (field == null || field.equals("id")) {
      entity = owner == null ? "resource" : ENTITY.getOrDefault(owner, decapitalize(owner));
    } else {
      String one = field.endsWith("Ids") ? field.substring(0, field.length() - 1) : field; // locationIds: a list of location ids
      entity = one.endsWith("Id") ? one.substring(0, one.length() - 2) : one;
    }
    if (entity.equals("ref")) {
      entity = "package";
    }
    return id(entity);
  }

  /** A time-ordered (version 7) id from March 2026 that a name always gives. */
  static String id(String entity) {
    UUID hash = UUID.nameUUIDFromBytes(entity.getBytes(StandardCharsets.UTF_8));
    long high = 0x019c_a2b0_0000_7000L | (hash.getMostSignificantBits() >>> 16 & 0x0000_0000_ffff_0000L)
        | (hash.getMostSignificantBits() & 0x0fffL);
    long low = 0x8000_0000_0000_0000L | (hash.getLeastSignificantBits() & 0x3fff_ffff_ffff_ffffL);
    return new UUID(high, low).toString();
  }

  private static String decapitalize(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
