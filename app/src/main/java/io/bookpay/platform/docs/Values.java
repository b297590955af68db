package io.bookpay.platform.docs;

import java.util.List;
import java.util.Map;

/**
 * The value a person would write for a field of an example: by record and field
 * ({@code Offering.name}), else by field ({@code currency}), else by type. One clinic's morning:
 * Ada Lovelace books a 30-minute consultation with Dr. Weiss at Harbour for 60.00 USD.
 */
final class Values {

  private static final String CUSTOMER = "Ada Lovelace";
  private static final String SERVICE = "Consultation";

  private static final Map<String, Object> BY_RECORD_AND_FIELD = Map.ofEntries(
      Map.entry("Offering.name", SERVICE), Map.entry("OfferingInput.name", SERVICE), Map.entry("PublicService.name", SERVICE),
      Map.entry("Location.name", "Harbour"), Map.entry("LocationInput.name", "Harbour"),
      Map.entry("Provider.name", "Dr. Weiss"), Map.entry("ProviderInput.name", "Dr. Weiss"), Map.entry("PublicProvider.name", "Dr. Weiss"),
      Map.entry("Plan.name", "Acme Gold"), Map.entry("PlanInput.name", "Acme Gold"),
      Map.entry("NewPackage.name", "Five consultations"), Map.entry("PackageDefinition.name", "Five consultations"),
      Map.entry("NewTier.name", "Monthly care"), Map.entry("MembershipTier.name", "Monthly care"),
      Map.entry("NewApiKey.name", "reporting"), Map.entry("ApiKey.name", "reporting"), Map.entry("IssuedApiKey.name", "reporting"),
      Map.entry("NewTenantKey.name", "operator key"),
      Map.entry("NewTenant.name", "Harbour Clinic"), Map.entry("Tenant.name", "Harbour Clinic"),
      Map.entry("TenantCreated.name", "Harbour Clinic"),
      Map.entry("Benefit.description", "20 % off eyewear"), Map.entry("BenefitInput.description", "20 % off eyewear"),
      Map.entry("InboxEvent.status", "PROCESSED"), Map.entry("InboxEvent.outcome", "payment succeeded"),
      Map.entry("InboxEvent.type", "payment_intent.succeeded"), Map.entry("Membership.status", "ACTIVE"),
      Map.entry("Coupon.kind", "PERCENT"), Map.entry("LedgerEntry.kind", "ISSUE"), Map.entry("LedgerEntry.id", 1),
      Map.entry("Booking.status", "CONFIRMED"), Map.entry("PublicBooking.status", "CONFIRMED"), Map.entry("Invoice.status", "OPEN"),
      Map.entry("Payment.status", "SUCCEEDED"), Map.entry("Refund.status", "SUCCEEDED"), Map.entry("Claim.status", "DRAFT"),
      Map.entry("Transition.to", "SUBMITTED"), Map.entry("GiftCard.status", "ACTIVE"), Map.entry("IssuedGiftCard.status", "ACTIVE"),
      Map.entry("Payment.method", "CARD"), Map.entry("NewPayment.method", "CARD"), Map.entry("Payment.gatewayReference", "pi_3QxRtY2eZvKYlo2C"),
      Map.entry("Line.description", SERVICE), Map.entry("LineItem.description", SERVICE),
      Map.entry("HistoryEntry.from", "HELD"), Map.entry("HistoryEntry.to", "CONFIRMED"),
      Map.entry("ClaimHistoryEntry.from", "DRAFT"), Map.entry("ClaimHistoryEntry.to", "SUBMITTED"),
      Map.entry("WorkingHours.start", "09:00"), Map.entry("WorkingHours.end", "17:00"),
      Map.entry("Invoice.amountPaid", 0), Map.entry("Invoice.balanceDue", 6000), Map.entry("GiftCard.balance", 5000),
      Map.entry("GiftCard.initialAmount", 5000), Map.entry("NewGiftCard.amount", 5000), Map.entry("IssuedGiftCard.amount", 5000),
      Map.entry("Adjustment.amount", -500), Map.entry("LedgerEntry.amount", 5000), Map.entry("LedgerEntry.balanceAfter", 5000),
      Map.entry("NewRefund.amount", 1000), Map.entry("Refund.amount", 1000), Map.entry("Payment.amountRefunded", 1000),
      Map.entry("NewCoupon.code", "SPRING10"), Map.entry("Coupon.code", "SPRING10"),
      Map.entry("DailyCount.day", "2026-03-10"), Map.entry("EventReport.from", "2026-03-01"), Map.entry("EventReport.to", "2026-03-31"),
      Map.entry("Availability.from", "2026-03-10T00:00:00Z"), Map.entry("Availability.to", "2026-03-11T00:00:00Z"),
      Map.entry("Slots.from", "2026-03-10T00:00:00Z"), Map.entry("Slots.to", "2026-03-11T00:00:00Z"),
      Map.entry("EventPage.nextBefore", "2026-03-10T09:31:02Z"), Map.entry("Problem.status", 400));

  private static final Map<String, Object> BY_FIELD = Map.ofEntries(
      Map.entry("active", true), Map.entry("received", true), Map.entry("name", CUSTOMER), Map.entry("email", "ada@example.com"), Map.entry("phone", "+44 20 7946 0000"),
      Map.entry("currency", "USD"), Map.entry("timeZone", "Europe/Berlin"), Map.entry("address", "Kai 1, 20457 Hamburg"),
      Map.entry("reason", "The client asked to move it"), Map.entry("notes", "Referred by her GP"), Map.entry("note", "Goodwill correction"),
      Map.entry("code", "7KQ4-M2XZ-9PTB-W3HD"), Map.entry("giftCardCode", "7KQ4-M2XZ-9PTB-W3HD"), Map.entry("last4", "W3HD"),
      Map.entry("couponCode", "SPRING10"), Map.entry("token", "Vq3mZ8kR2tYw6nLp9sXc4bHf"),
      Map.entry("url", "http://localhost:8080/v1/public/links/Vq3mZ8kR2tYw6nLp9sXc4bHf"),
      Map.entry("key", "bpk_q7Xr2mK9vLw_Z3nR8tYp2WcQ6hJk4sBv9mXa1LdE5fGu7iOy0eTr3"),
      Map.entry("apiKey", "bpk_q7Xr2mK9vLw_Z3nR8tYp2WcQ6hJk4sBv9mXa1LdE5fGu7iOy0eTr3"), Map.entry("prefix", "q7Xr2mK9vLw"),
      Map.entry("secret", "whsec_5WbX2nQ8rT4yK7mP3vZ9cL6h"), Map.entry("hint", "cL6h"), Map.entry("provider", "stripe"),
      Map.entry("payer", "Acme Health"), Map.entry("planCode", "ACME-GOLD"), Map.entry("memberNumber", "M-102938"),
      Map.entry("description", SERVICE), Map.entry("filename", "referral-letter.pdf"), Map.entry("contentType", "application/pdf"),
      Map.entry("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
      Map.entry("eventId", "evt_1QxRtY2eZvKYlo2CbD3fGh4J"), Map.entry("eventType", "BookingConfirmed"),
      Map.entry("actor", "api-key:" + Examples.id("apiKey")), Map.entry("business", "Harbour Clinic"),
      Map.entry("period", "MONTH"), Map.entry("refundStatus", "NONE"), Map.entry("kind", "SERVICE"),
      Map.entry("type", "https://bookpay.io/problems/validation"), Map.entry("title", "Request is invalid"),
      Map.entry("detail", "'email' must be a well-formed email address."), Map.entry("instance", "/v1/customers"),
      Map.entry("field", "email"), Map.entry("message", "must be a well-formed email address"),
      Map.entry("scopes", "bookings:read"), Map.entry("apiKeyScopes", "*"), Map.entry("scope", "bookings:read"),
      Map.entry("priceAmount", 6000), Map.entry("amount", 6000), Map.entry("unitAmount", 6000), Map.entry("subtotal", 6000),
      Map.entry("total", 6000), Map.entry("claimedAmount", 6000), Map.entry("expectedCoveredAmount", 4000),
      Map.entry("coveredAmount", 4000), Map.entry("approvedAmount", 4000), Map.entry("copayAmount", 1000),
      Map.entry("annualLimitAmount", 50000), Map.entry("amountOff", 1000), Map.entry("durationMinutes", 30),
      Map.entry("bufferBeforeMinutes", 0), Map.entry("bufferAfterMinutes", 10), Map.entry("minNoticeMinutes", 120),
      Map.entry("maxAdvanceDays", 60), Map.entry("slotIntervalMinutes", 15), Map.entry("weekday", 1), Map.entry("quantity", 1),
      Map.entry("sessions", 5), Map.entry("sessionsTotal", 5), Map.entry("sessionsRemaining", 4), Map.entry("percentOff", 10),
      Map.entry("maxRedemptions", 100), Map.entry("maxPerCustomer", 1), Map.entry("maxUses", 1), Map.entry("remainingUses", 1),
      Map.entry("attempts", 1), Map.entry("count", 3), Map.entry("sizeBytes", 48213), Map.entry("coveragePercent", 80),
      Map.entry("discountPercent", 20), Map.entry("taxRate", 0),
      Map.entry("createdAt", "2026-03-02T09:15:00Z"), Map.entry("updatedAt", "2026-03-02T09:15:00Z"),
      Map.entry("receivedAt", "2026-03-10T09:31:02Z"), Map.entry("processedAt", "2026-03-10T09:31:03Z"),
      Map.entry("at", "2026-03-02T09:15:00Z"), Map.entry("start", "2026-03-10T09:00:00Z"), Map.entry("end", "2026-03-10T09:30:00Z"),
      Map.entry("from", "2026-03-10T00:00:00Z"), Map.entry("to", "2026-03-11T00:00:00Z"),
      Map.entry("validFrom", "2026-03-01T00:00:00Z"), Map.entry("startsAt", "2026-03-02T09:15:00Z"),
      Map.entry("endsAt", "2026-04-02T09:15:00Z"), Map.entry("expiresAt", "2026-03-31T00:00:00Z"),
      Map.entry("dueAt", "2026-03-24T00:00:00Z"), Map.entry("finalizedAt", "2026-03-10T09:35:00Z"),
      Map.entry("serviceDate", "2026-03-10"));

  private static final Map<String, Object> DATES = Map.of(
      "validFrom", "2026-01-01", "validUntil", "2026-12-31", "from", "2026-03-01", "to", "2026-03-31");

  private Values() {}

  /** The example value of a field of a record; null when nothing fits (the field is then left out). */
  static Object of(String record, String field, String type, String format) {
    Object value = record == null ? null : BY_RECORD_AND_FIELD.get(record + "." + field);
    if (value == null && "date".equals(format)) {
      value = DATES.getOrDefault(field, "2026-03-10");
    }
    if (value == null && field != null) {
      value = BY_FIELD.get(field);
    }
    if (value == null) {
      value = byType(type, format);
    }
    return fits(value, type) ? value : byType(type, format);
  }

  private static Object byType(String type, String format) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "integer" -> 0;
      case "number" -> 0;
      case "boolean" -> false;
      case "string" -> switch (format == null ? "" : format) {
        case "date-time" -> "2026-03-02T09:15:00Z";
        case "date" -> "2026-03-10";
        case "uri" -> "https://bookpay.io/problems/validation";
        case "email" -> "ada@example.com";
        default -> null;
      };
      default -> null;
    };
  }

  private static boolean fits(Object value, String type) {
    if (value == null || type == null) {
      return value != null;
    }
    return switch (type) {
      case "integer", "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      case "string" -> value instanceof String;
      default -> !(value instanceof List);
    };
  }
}
