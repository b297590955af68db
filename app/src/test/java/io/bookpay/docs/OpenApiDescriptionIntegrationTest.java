package io.bookpay.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description is one people can build clients from: every operation has a tag by feature,
 * a one-line summary, an operation id a person would choose (unique, no generated {@code _1}
 * suffix), and examples of its request body and of its answers, success and problem alike. The
 * description is also written to {@code target/openapi.json}, where {@code bench/generate-client.sh}
 * picks it up.
 */
class OpenApiDescriptionIntegrationTest extends IntegrationTest {

  /** Features, as clients see them; a generated client makes one API class of each. */
  private static final Set<String> TAGS = Set.of("tenants", "api-keys", "customers", "catalog", "bookings", "links", "public-links",
      "invoices", "payments", "gift-cards", "coupons", "packages", "memberships", "webhooks", "claims", "insurance", "reports",
      "analytics", "projections", "booking-page", "dashboard");
  private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z]+");
  private static final Pattern GENERATED_ID = Pattern.compile(".*_\\d+$");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private JsonNode api;

  @BeforeEach
  void load() throws Exception {
    // springdoc builds the description on the first request, which may outlast the client's timeout on a busy machine.
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get().uri("/v3/api-docs").exchange().returnResult(String.class)
        .getStatus().value() == 200);
    byte[] body = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "openapi.json"), body);
    api = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void everyOperationHasATagASummaryAnIdAndExamples() {
    List<String> missing = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    int operations = 0;
    for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        operations++;
        String name = entry.getKey().toUpperCase() + " " + path.getKey();
        JsonNode operation = entry.getValue();
        checkNaming(name, operation, ids, missing);
        checkExamples(name, operation, missing);
      }
    }
    assertThat(operations).as("operations described").isGreaterThan(100);
    assertThat(missing).as("what operations lack").isEmpty();
  }

  private static void checkNaming(String name, JsonNode operation, Map<String, String> ids, List<String> missing) {
    JsonNode tags = operation.path("tags");
    if (tags.size() != 1 || !TAGS.contains(tags.get(0).asString())) {
      missing.add(name + ": one tag by feature, not " + tags);
    }
    String summary = operation.path("summary").asString("");
    if (summary.isBlank() || summary.contains("\n") || summary.length() > 80 || summary.endsWith(".")) {
      missing.add(name + ": a one-line summary, not '" + summary + "'");
    }
    String id = operation.path("operationId").asString("");
    if (!OPERATION_ID.matcher(id).matches() || GENERATED_ID.matcher(id).matches()) {
      missing.add(name + ": an operation id a person would choose, not '" + id + "'");
    }
    String other = ids.put(id, name);
    if (other != null) {
      missing.add(name + ": operation id " + id + " is also " + other + "'s");
    }
  }

  private static void checkExamples(String name, JsonNode operation, List<String> missing) {
    operation.path("requestBody").path("content").properties().forEach(media -> {
      if (!hasExample(media.getValue())) {
        missing.add(name + ": an example of its " + media.getKey() + " request body");
      }
    });
    boolean success = false;
    for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
      String status = response.getKey();
      // A page's form post succeeds with 303 to the page that shows the outcome (post/redirect/get).
      success |= status.startsWith("2") || status.equals("303");
      for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
        if (!hasExample(media.getValue()) && !media.getValue().path("schema").path("format").asString("").equals("binary")) {
          missing.add(name + ": an example of its " + status + " " + media.getKey() + " answer");
        }
      }
    }
    if (!success) {
      missing.add(name + ": a success answer");
    }
  }

  private static boolean hasExample(JsonNode media) {
    return media.has("example") || media.path("examples").size() > 0;
  }

  @Test
  void theTagsAreDescribedAndTheListsDocumentTheirCursor() {
    Set<String> described = new java.util.HashSet<>();
    api.path("tags").forEach(tag -> {
      described.add(tag.path("name").asString());
      assertThat(tag.path("description").asString("")).as("description of tag %s", tag.path("name")).isNotBlank();
    });
    assertThat(described).containsExactlyInAnyOrderElementsOf(TAGS);

    JsonNode invoices = api.path("paths").path("/v1/invoices").path("get");
    assertThat(parameter(invoices, "cursor").path("description").asString()).contains("nextCursor");
    assertThat(parameter(invoices, "limit").path("schema").path("maximum").asInt()).isEqualTo(200);
    assertThat(parameter(invoices, "after").path("deprecated").asBoolean()).isTrue();
    JsonNode events = api.path("paths").path("/v1/webhooks/events").path("get");
    assertThat(parameter(events, "before").path("deprecated").asBoolean()).isTrue();
    JsonNode eventPage = api.path("components").path("schemas").path("EventPage").path("properties");
    assertThat(eventPage.path("nextBefore").path("deprecated").asBoolean()).isTrue();
    assertThat(eventPage.path("nextCursor").isMissingNode()).isFalse();
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("name").asString().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + operation.path("operationId"));
  }
}
