package io.bookpay.claim;

import static io.bookpay.claim.ClaimFixture.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** The claim lifecycle, exactly as specified, with its history, concurrency and coverage math. */
class ClaimLifecycleIntegrationTest extends IntegrationTest {

  private static final List<String> STATES = List.of("DRAFT", "SUBMITTED", "UNDER_REVIEW", "APPROVED", "REJECTED", "ADDITIONAL_INFO_REQUIRED");

  /** How to reach each state from DRAFT. */
  private static final Map<String, String[]> PATH = Map.of(
      "DRAFT", new String[] {},
      "SUBMITTED", new String[] {"SUBMITTED"},
      "UNDER_REVIEW", new String[] {"SUBMITTED", "UNDER_REVIEW"},
      "APPROVED", new String[] {"SUBMITTED", "UNDER_REVIEW", "APPROVED"},
      "REJECTED", new String[] {"SUBMITTED", "UNDER_REVIEW", "REJECTED"},
      "ADDITIONAL_INFO_REQUIRED", new String[] {"SUBMITTED", "UNDER_REVIEW", "ADDITIONAL_INFO_REQUIRED"});

  /** The lifecycle of the issue, written out independently of the code. */
  private static boolean allowed(String from, String to) {
    return switch (from) {
      case "DRAFT" -> to.equals("SUBMITTED");
      case "SUBMITTED" -> to.equals("UNDER_REVIEW");
      case "UNDER_REVIEW" -> to.equals("APPROVED") || to.equals("REJECTED") || to.equals("ADDITIONAL_INFO_REQUIRED");
      case "ADDITIONAL_INFO_REQUIRED" -> to.equals("UNDER_REVIEW");
      default -> false;
    };
  }

  @Test
  void everyPairOfStatesIsAllowedOrRefusedExactlyAsTheLifecycleSays() {
    ClaimFixture f = new ClaimFixture(http);
    List<String> wrong = new ArrayList<>();
    for (String from : STATES) {
      for (String to : STATES) {
        String claim = (String) f.claim(null, 10_000).get("id");
        String etag = f.walk(claim, PATH.get(from));
        EntityExchangeResult<Map> result = f.move(claim, etag, to, ClaimFixture.needsReason(to) ? "table" : null,
            to.equals("APPROVED") ? 5_000L : null);
        int expected = allowed(from, to) ? 200 : 409;
        int actual = result.getStatus().value();
        Object status = f.get("/v1/claims/" + claim).get("status");
        String expectedStatus = expected == 200 ? to : from;
        if (actual != expected || !expectedStatus.equals(status)) {
          wrong.add(from + " -> " + to + ": " + actual + " " + status);
        }
        if (expected == 409) {
          Map<?, ?> problem = result.getResponseBody();
          List<String> allowedNext = STATES.stream().filter(s -> allowed(from, s)).toList();
          if (!"https://bookpay.io/problems/invalid-transition".equals(problem.get("type"))
              || !new java.util.HashSet<>((List<?>) problem.get("allowed")).equals(new java.util.HashSet<>(allowedNext))) {
            wrong.add(from + " -> " + to + ": problem " + problem);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void twoReviewersAtOnceWithOneVersionOneWinsTheOthersGet412() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    String etag = f.walk(claim, "SUBMITTED", "UNDER_REVIEW");
    WebClient client = webClient(port);

    List<Integer> statuses = Flux.range(0, 10)
        .flatMap(i -> client.post().uri("/v1/claims/" + claim + "/transitions")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).header(HttpHeaders.IF_MATCH, etag)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(i % 2 == 0 ? Map.of("to", "APPROVED", "approvedAmount", 8_000) : Map.of("to", "REJECTED", "reason", "no referral"))
            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 10)
        .collectList().block(Duration.ofSeconds(30));

    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 412).hasSize(9);
    assertThat(sql.count("SELECT count(*) FROM claim_status_history WHERE claim_id = ?::uuid AND from_status = 'UNDER_REVIEW'", claim))
        .isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHistoryHoldsEveryTransitionInOrderWithItsActorAndReason() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    String etag = f.walk(claim, "SUBMITTED", "UNDER_REVIEW");
    etag = f.move(claim, etag, "ADDITIONAL_INFO_REQUIRED", "send the referral letter", null).getResponseHeaders().getETag();
    etag = f.move(claim, etag, "UNDER_REVIEW", "referral received", null).getResponseHeaders().getETag();
    Map<?, ?> approved = f.move(claim, etag, "APPROVED", null, 6_400L).getResponseBody();
    assertThat(approved.get("status")).isEqualTo("APPROVED");
    assertThat(num(approved, "approvedAmount")).isEqualTo(6_400);

    List<Map<String, Object>> history = (List<Map<String, Object>>) f.get("/v1/claims/" + claim + "/history").get("items");
    assertThat(history).extracting(h -> h.get("from") + ">" + h.get("to")).containsExactly("null>DRAFT", "DRAFT>SUBMITTED",
        "SUBMITTED>UNDER_REVIEW", "UNDER_REVIEW>ADDITIONAL_INFO_REQUIRED", "ADDITIONAL_INFO_REQUIRED>UNDER_REVIEW", "UNDER_REVIEW>APPROVED");
    assertThat(history).extracting(h -> h.get("reason")).containsExactly(null, null, null, "send the referral letter", "referral received",
        null);
    String keyId = (String) sql.rows("SELECT id::text AS id FROM api_keys WHERE tenant_id = ?", f.tenant.id()).get(0).get("id");
    assertThat(history).allSatisfy(h -> assertThat(h.get("actor")).isEqualTo("api-key:" + keyId));
    assertThat(sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ?::uuid ORDER BY id", claim))
        .extracting(r -> r.get("event_type")).containsExactly("ClaimCreated", "ClaimStatusChanged", "ClaimSubmitted", "ClaimStatusChanged",
            "ClaimStatusChanged", "ClaimStatusChanged", "ClaimStatusChanged", "ClaimApproved");
    // The decisions name the plan's payer, so claims can be reported per payer.
    assertThat(sql.rows("SELECT envelope->'payload'->>'payer' AS payer FROM outbox WHERE aggregate_id = ?::uuid"
        + " AND event_type IN ('ClaimSubmitted', 'ClaimApproved') ORDER BY id", claim))
        .extracting(r -> r.get("payer")).containsExactly("Acme Health", "Acme Health");
  }

  @Test
  @SuppressWarnings("unchecked")
  void coverageTakesTheCopayThePercentAndTheAnnualLimitWhichStartsAfreshInANewYear() {
    ClaimFixture f = new ClaimFixture(http);
    // 80 % of (40,000 − 2,000) = 30,400; the limit is 50,000 a year.
    Map<String, Object> first = f.claim("2026-12-20", 40_000);
    assertThat(num(first, "expectedCoveredAmount")).isEqualTo(30_400);
    f.walk((String) first.get("id"), "SUBMITTED");

    Map<String, Object> second = f.claim("2026-12-28", 40_000);
    assertThat(num(second, "expectedCoveredAmount")).isEqualTo(19_600);
    Map<String, Object> nextYear = f.claim("2027-01-03", 40_000);
    assertThat(num(nextYear, "expectedCoveredAmount")).isEqualTo(30_400);

    // Two items on one claim share the limit; an amount under the copay gets nothing.
    Map<String, Object> split = f.claim("2027-02-01", 1_500, 40_000, 40_000);
    assertThat(((List<Map<String, Object>>) split.get("items"))).extracting(i -> num(i, "coveredAmount"))
        .containsExactly(0L, 30_400L, 19_600L);

    // A service without a rule is not covered.
    UUID uncovered = ClaimFixture.id(f.created("/v1/services", Map.of("name", "Massage", "durationMinutes", 30, "priceAmount", 5_000,
        "currency", "EUR", "slotIntervalMinutes", 30)));
    Map<String, Object> none = f.created("/v1/claims", Map.of("customerId", f.customerId, "planId", f.planId, "serviceDate", "2026-06-01",
        "items", List.of(Map.of("serviceId", uncovered, "amount", 5_000))));
    assertThat(num(none, "expectedCoveredAmount")).isZero();

    // Submitting computes again against what was submitted since: the December draft now finds 19,600 left... and the
    // second December claim, submitted first, takes it; the draft is recomputed when it is submitted.
    Map<String, Object> december = f.claim("2026-12-29", 40_000);
    assertThat(num(december, "expectedCoveredAmount")).isEqualTo(19_600);
    f.walk((String) second.get("id"), "SUBMITTED");
    f.walk((String) december.get("id"), "SUBMITTED");
    assertThat(num(f.get("/v1/claims/" + december.get("id")), "expectedCoveredAmount")).isZero();

    List<Map<String, Object>> listed = (List<Map<String, Object>>) f.get("/v1/claims?customerId=" + f.customerId).get("items");
    assertThat(listed).extracting(c -> c.get("id")).containsExactly(first.get("id"), second.get("id"), nextYear.get("id"), split.get("id"),
        none.get("id"), december.get("id"));
    assertThat(listed).extracting(c -> ((List<?>) c.get("items")).size()).containsExactly(1, 1, 1, 3, 1, 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDraftIsEditedWithItsVersionAndItsCoverageComputedAgain() {
    ClaimFixture f = new ClaimFixture(http);
    Map<String, Object> claim = f.claim("2026-03-01", 10_000);
    String id = (String) claim.get("id");
    Map<String, Object> edit = Map.of("items", List.of(Map.of("serviceId", f.serviceId, "amount", 40_000),
        Map.of("serviceId", f.serviceId, "amount", 40_000)), "notes", "two sessions");

    http.put().uri("/v1/claims/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(edit).exchange().expectStatus().isEqualTo(428);
    Map<String, Object> edited = ClaimFixture.body(http.put().uri("/v1/claims/" + id)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).header(HttpHeaders.IF_MATCH, "\"0\"")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(edit).exchange().expectStatus().isOk());
    assertThat(num(edited, "claimedAmount")).isEqualTo(80_000);
    assertThat(num(edited, "expectedCoveredAmount")).isEqualTo(50_000); // 30,400 + 19,600: the annual limit
    assertThat(edited.get("notes")).isEqualTo("two sessions");
    assertThat((List<Map<String, Object>>) edited.get("items")).hasSize(2);
    http.put().uri("/v1/claims/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).header(HttpHeaders.IF_MATCH, "\"0\"")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(edit).exchange().expectStatus().isEqualTo(412);
  }

  @Test
  void anApprovedClaimPaysItsInvoiceOnce() {
    ClaimFixture f = new ClaimFixture(http);
    String invoice = (String) f.created("/v1/invoices", Map.of("customerId", f.customerId, "currency", "EUR",
        "lineItems", List.of(Map.of("kind", "SERVICE", "description", "Laser", "quantity", 1, "unitAmount", 40_000)))).get("id");
    f.post("/v1/invoices/" + invoice + "/finalize", null).expectStatus().isOk();
    String claim = (String) f.created("/v1/claims", Map.of("customerId", f.customerId, "planId", f.planId, "invoiceId", invoice,
        "items", List.of(Map.of("serviceId", f.serviceId, "amount", 40_000)))).get("id");
    f.post("/v1/claims/" + claim + "/apply", null).expectStatus().isEqualTo(409);
    String etag = f.walk(claim, "SUBMITTED", "UNDER_REVIEW");
    f.move(claim, etag, "APPROVED", null, 30_000L);

    Map<String, Object> applied = ClaimFixture.body(f.post("/v1/claims/" + claim + "/apply", null).expectStatus().isOk());
    Map<String, Object> payment = f.get("/v1/payments/" + applied.get("paymentId"));
    assertThat(payment.get("method")).isEqualTo("INSURANCE");
    assertThat(num(payment, "amount")).isEqualTo(30_000);
    Map<String, Object> paid = f.get("/v1/invoices/" + invoice);
    assertThat(num(paid, "amountPaid")).isEqualTo(30_000);
    assertThat(num(paid, "balanceDue")).isEqualTo(10_000);
    f.post("/v1/claims/" + claim + "/apply", null).expectStatus().isEqualTo(409);
    assertThat(sql.count("SELECT count(*) FROM payments WHERE invoice_id = ?::uuid", invoice)).isEqualTo(1);
    // INSURANCE payments come only from claims.
    f.post("/v1/invoices/" + invoice + "/payments", Map.of("method", "INSURANCE", "amount", 100)).expectStatus().isBadRequest();
  }

  @Test
  void badClaimInputIsRefusedAndChangesNothing() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    String etag = f.etag(claim);
    assertThat(f.move(claim, null, "SUBMITTED", null, null).getStatus().value()).isEqualTo(428);
    assertThat(f.move(claim, "\"99\"", "SUBMITTED", null, null).getStatus().value()).isEqualTo(412);
    etag = f.walk(claim, "SUBMITTED", "UNDER_REVIEW");
    assertThat(f.move(claim, etag, "APPROVED", null, null).getStatus().value()).isEqualTo(400);
    assertThat(f.move(claim, etag, "APPROVED", null, 10_001L).getStatus().value()).isEqualTo(422);
    assertThat(f.move(claim, etag, "REJECTED", null, null).getStatus().value()).isEqualTo(400);
    assertThat(f.move(claim, etag, "ADDITIONAL_INFO_REQUIRED", " ", null).getStatus().value()).isEqualTo(400);
    assertThat(f.move(claim, etag, "REJECTED", "x", 5L).getStatus().value()).isEqualTo(400);
    assertThat(f.get("/v1/claims/" + claim).get("status")).isEqualTo("UNDER_REVIEW");
    // Editing is for DRAFT and ADDITIONAL_INFO_REQUIRED only.
    http.put().uri("/v1/claims/" + claim).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).header(HttpHeaders.IF_MATCH, etag)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("items", List.of(Map.of("serviceId", f.serviceId, "amount", 1))))
        .exchange().expectStatus().isEqualTo(409);

    long claims = sql.count("SELECT count(*) FROM claims WHERE tenant_id = ?", f.tenant.id());
    UUID stranger = newCustomer(http, f.tenant, "Not a member", "stranger-" + UUID.randomUUID() + "@example.com");
    f.post("/v1/claims", Map.of("customerId", stranger, "planId", f.planId, "items", List.of(Map.of("serviceId", f.serviceId, "amount", 1))))
        .expectStatus().isEqualTo(422);
    f.post("/v1/claims", Map.of("customerId", f.customerId, "planId", UUID.randomUUID(), "items", List.of(Map.of("serviceId", f.serviceId,
        "amount", 1)))).expectStatus().isEqualTo(422);
    f.post("/v1/claims", Map.of("customerId", f.customerId, "planId", f.planId, "serviceDate", "2025-06-01",
        "items", List.of(Map.of("serviceId", f.serviceId, "amount", 1)))).expectStatus().isEqualTo(422);
    f.post("/v1/claims", Map.of("customerId", f.customerId, "planId", f.planId, "items", List.of())).expectStatus().isBadRequest();
    f.post("/v1/claims", Map.of("customerId", f.customerId, "planId", f.planId, "items", List.of(Map.of("serviceId", f.serviceId,
        "amount", 0)))).expectStatus().isBadRequest();
    assertThat(sql.count("SELECT count(*) FROM claims WHERE tenant_id = ?", f.tenant.id())).isEqualTo(claims);
  }
}
