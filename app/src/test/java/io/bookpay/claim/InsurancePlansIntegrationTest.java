package io.bookpay.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Plans, coverage rules, benefits and enrolments: CRUD with If-Match. */
class InsurancePlansIntegrationTest extends IntegrationTest {

  @Test
  @SuppressWarnings("unchecked")
  void plansAndWhatHangsOffThemAreReplacedAndDeletedOnlyWithTheCurrentVersion() {
    ClaimFixture f = new ClaimFixture(http);
    String plan = "/v1/insurance-plans/" + f.planId;
    String etag = http.get().uri(plan).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).exchange().expectStatus().isOk()
        .returnResult(Map.class).getResponseHeaders().getETag();
    Map<String, Object> body = Map.of("name", "Gold PPO 2027", "payer", "Acme Health", "planCode", "GOLD-27", "active", true);

    put(f, plan, null, body).expectStatus().isEqualTo(428);
    put(f, plan, "\"41\"", body).expectStatus().isEqualTo(412).expectBody().jsonPath("$.currentETag").isEqualTo(etag);
    String next = put(f, plan, etag, body).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Gold PPO 2027")
        .returnResult().getResponseHeaders().getETag();
    assertThat(next).isNotEqualTo(etag);
    put(f, plan, etag, body).expectStatus().isEqualTo(412);
    f.post("/v1/insurance-plans", Map.of("name", "Copy", "payer", "Acme", "planCode", "GOLD-27")).expectStatus().isEqualTo(409);

    List<Map<String, Object>> rules = (List<Map<String, Object>>) f.get(plan + "/coverage-rules").get("items");
    String rule = plan + "/coverage-rules/" + rules.get(0).get("id");
    String ruleTag = "\"" + rules.get(0).get("version") + "\"";
    put(f, rule, ruleTag, Map.of("serviceId", f.serviceId, "coveragePercent", 90, "copayAmount", 1_000, "currency", "EUR"))
        .expectStatus().isOk().expectBody().jsonPath("$.coveragePercent").isEqualTo(90);
    put(f, rule, "\"" + (Long.parseLong(ruleTag.replace("\"", "")) + 1) + "\"",
        Map.of("serviceId", f.serviceId, "coveragePercent", 90, "copayAmount", 1_000, "currency", "USD")).expectStatus().isEqualTo(422);
    f.post(plan + "/coverage-rules", Map.of("serviceId", f.serviceId, "coveragePercent", 50, "copayAmount", 0, "currency", "EUR"))
        .expectStatus().isEqualTo(409);

    Map<String, Object> benefit = f.created(plan + "/benefits", Map.of("description", "10 % off skincare", "discountPercent", 10));
    String benefitPath = plan + "/benefits/" + benefit.get("id");
    delete(f, benefitPath, null).expectStatus().isEqualTo(428);
    delete(f, benefitPath, "\"0\"").expectStatus().isNoContent();
    http.get().uri(benefitPath).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).exchange().expectStatus().isNotFound();

    Map<String, Object> enrolment = ((List<Map<String, Object>>) f.get("/v1/enrolments?customerId=" + f.customerId).get("items")).get(0);
    put(f, "/v1/enrolments/" + enrolment.get("id"), "\"0\"", Map.of("memberNumber", "M-1", "validFrom", "2026-01-01",
        "validUntil", "2025-12-31")).expectStatus().isBadRequest();
    put(f, "/v1/enrolments/" + enrolment.get("id"), "\"0\"", Map.of("memberNumber", "M-1", "validFrom", "2026-01-01",
        "validUntil", "2026-12-31")).expectStatus().isOk().expectBody().jsonPath("$.validUntil").isEqualTo("2026-12-31");

    delete(f, plan, next).expectStatus().isNoContent();
    http.get().uri(plan).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).exchange().expectStatus().isNotFound();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(ClaimFixture f, String path, String ifMatch, Object body) {
    var spec = http.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey());
    if (ifMatch != null) {
      spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec delete(ClaimFixture f, String path, String ifMatch) {
    var spec = http.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey());
    if (ifMatch != null) {
      spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return spec.exchange();
  }
}
