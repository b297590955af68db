package io.bookpay.demo;

import io.bookpay.invoice.Invoice;
import java.util.List;
import java.util.Map;

/**
 * Insurance claims of insured visits, through the claims API: drafted after the visit, then
 * submitted, reviewed and decided on later days, each claim stopping at its planned status. An
 * approved claim pays its invoice (INSURANCE), the client pays the rest; a rejected one, all.
 */
final class DemoClaims {

  private DemoClaims() {}

  static void draft(DemoRun run, DemoMoney money, DemoPlan.Visit v) {
    Invoice invoice = money.claimInvoice(run, v);
    DemoRun.Booked b = run.of(v);
    Map<String, Object> claim = run.api.post("/v1/claims", Map.of(
        "customerId", run.customers.get(v.customer).toString(),
        "planId", run.insurancePlans.get(v.customer % 2),
        "bookingId", b.bookingId.toString(),
        "invoiceId", invoice.id().toString(),
        "items", List.of(Map.of("serviceId", run.services.get(v.treatment).id().toString(), "amount", invoice.total())),
        "notes", "Demo claim"));
    b.claimId = java.util.UUID.fromString((String) claim.get("id"));
    b.claimVersion = ((Number) claim.get("version")).longValue();
    b.claimStatus = "DRAFT";
  }

  /** One step of the claim's way: {@code to} with a reason where one is required, the approval at what the plan covers. */
  static void move(DemoRun run, DemoPlan.Visit v, String to) {
    DemoRun.Booked b = run.of(v);
    Map<String, Object> body = switch (to) {
      case "APPROVED" -> Map.of("to", to, "approvedAmount", b.claimCovered);
      case "REJECTED" -> Map.of("to", to, "reason", "Service not covered on the date of treatment");
      case "ADDITIONAL_INFO_REQUIRED" -> Map.of("to", to, "reason", "Referral letter missing");
      default -> Map.of("to", to);
    };
    Map<String, Object> claim = run.api.post("/v1/claims/" + b.claimId + "/transitions", body, b.claimVersion);
    b.claimVersion = ((Number) claim.get("version")).longValue();
    b.claimStatus = to;
    if ("SUBMITTED".equals(to)) {
      b.claimCovered = ((Number) claim.get("expectedCoveredAmount")).longValue();
    }
  }

  static void apply(DemoRun run, DemoPlan.Visit v) {
    DemoRun.Booked b = run.of(v);
    if (b.claimCovered > 0) {
      run.api.post("/v1/claims/" + b.claimId + "/apply", Map.of());
      run.count("payments.INSURANCE");
    }
  }
}
