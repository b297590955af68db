package io.bookpay.platform.docs;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Operator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API as clients see it: bearer authentication, and the problem+json shape of every
 * error each kind of operation can answer with. The {@link Caller} and {@link Operator} parameters
 * are resolved from the credential, so they are hidden from the description.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String PROBLEM = "Problem";
  private static final String API_KEY = "apiKey";
  private static final String OPERATOR_TOKEN = "operatorToken";

  /** The features operations are tagged by, in the order a newcomer meets them. */
  private static final Map<String, String> FEATURES = features();

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Operator.class);
    // Free-form JSON (a merge patch, a custom event's data) is any JSON object, not the JsonNode class's getters.
    SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
        new ObjectSchema().description("Any JSON object"));
  }

  @Bean
  OpenAPI bookpayOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("Bookpay API")
            .version("v1")
            .description("Booking and payments for appointment businesses. Errors are application/problem+json (RFC 9457)."))
        .components(new Components()
            .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A tenant API key: bpk_<prefix>_<secret>"))
            .addSecuritySchemes(OPERATOR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The operator token (BOOKPAY_ADMIN_TOKEN)")))
        .tags(FEATURES.entrySet().stream().map(f -> new Tag().name(f.getKey()).description(f.getValue())).toList());
  }

  private static Map<String, String> features() {
    Map<String, String> features = new LinkedHashMap<>();
    features.put("tenants", "Operators create tenants and give them API keys (operator token); a tenant reads and changes its own profile");
    features.put("api-keys", "A tenant's own API keys and their scopes");
    features.put("customers", "The people a tenant serves");
    features.put("catalog", "Locations, services and providers, with the providers' working hours and time off");
    features.put("bookings", "Appointments, their lifecycle and history, and free slots");
    features.put("links", "Express booking links a tenant sends its clients");
    features.put("public-links", "What a link's client uses: no API key, the link's token is the credential");
    features.put("booking-page", "The HTML pages of a link's client (booking page, confirmation, calendar file, cancel): no API key,"
        + " the token in the path is the credential; answers are text/html (text/calendar for the file)");
    features.put("invoices", "Invoices: drafts, finalizing, voiding");
    features.put("payments", "Payments on invoices, and their refunds");
    features.put("gift-cards", "Gift cards: codes shown once, balances and their ledger");
    features.put("coupons", "Discounts redeemed on invoices");
    features.put("packages", "Packages of sessions, sold on invoices and redeemed by bookings");
    features.put("memberships", "Membership tiers, sold on invoices, and the memberships customers hold");
    features.put("webhooks", "Signed events from the payment processor, their signing secrets, and what became of each event");
    features.put("claims", "Insurance claims, their lifecycle and documents");
    features.put("insurance", "Insurance plans, their coverage rules and benefits, and enrolments");
    features.put("reports", "Reports from the projections (they trail the writes by the event pipeline's lag): JSON, or CSV with Accept: text/csv");
    features.put("analytics", "Custom analytics events a tenant or a link's page records, and the export of the analytics event log");
    features.put("dashboard", "The staff dashboard's HTML pages: sign in with an API key holding reports:read, then a session cookie"
        + " (not an API key) opens the reports' charts, tables and CSV downloads");
    features.put("projections", "Operator: the read side's parked events (dead letters) and the backfill of snapshot events");
    return features;
  }

  /** Adds security and the possible problem responses to every /v1 operation, then every body's example. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return api -> {
      api.getComponents().addSchemas(PROBLEM, problemSchema());
      api.getPaths().forEach(OpenApiConfiguration::addProblems);
      ApiExamples.addTo(api);
    };
  }

  private static void addProblems(String path, PathItem item) {
    if (!path.startsWith("/v1/")) {
      return;
    }
    boolean admin = path.startsWith("/v1/admin/");
    boolean isPublic = path.startsWith("/v1/public/");
    describeDocuments(path, item);
    if (path.startsWith("/v1/webhooks/stripe/")) {
      describeStripeWebhook(item);
      return;
    }
    item.readOperationsMap().forEach((method, operation) -> {
      if (!isPublic) {
        operation.addSecurityItem(new SecurityRequirement().addList(admin ? OPERATOR_TOKEN : API_KEY));
        addProblem(operation, "401", "Missing or wrong credential");
      }
      if (!isPublic && !admin) {
        addProblem(operation, "403", "The API key lacks the scope");
      }
      if (isPublic) {
        addProblem(operation, "410", "The link was revoked, has expired or is used up (`linkStatus`)");
        addProblem(operation, "429", "Rate limited; `Retry-After` says when to come back");
      }
      addProblem(operation, "400", "Invalid input; `errors` lists the fields");
      addProblem(operation, "503", "The database cannot be reached for the moment, or the request timed out; `Retry-After` when known");
      if (path.contains("{")) {
        addProblem(operation, "404", "No such resource for this tenant");
      }
      if (method.name().equals("POST")) {
        addIdempotencyKey(operation);
      }
      if (method.name().equals("POST") || method.name().equals("PUT") || method.name().equals("PATCH")) {
        addProblem(operation, "409", "Conflicts with the current state (a duplicate, a taken slot, a transition the lifecycle forbids)");
        addProblem(operation, "413", "Body over the size limit");
        addProblem(operation, "415", "Body is not application/json");
        addProblem(operation, "422", "Well-formed but not acceptable (e.g. a start no provider offers)");
      }
      if (operation.getParameters() != null
          && operation.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()))) {
        addProblem(operation, "412", "If-Match names a version that is no longer current");
        if (method.name().equals("PUT")) {
          addProblem(operation, "428", "If-Match is required");
        }
      }
    });
  }

  /** The provider's endpoint: no API key (the signature is the credential), a raw Stripe event as the body. */
  private static void describeStripeWebhook(PathItem item) {
    Operation operation = item.getPost();
    if (operation == null || operation.getRequestBody() != null) {
      return;
    }
    operation.description("Stripe calls this with a signed event. The Stripe-Signature header (t=..., v1=...; several v1 during"
        + " secret rotation) must verify over the raw body with one of the tenant's active signing secrets, within 300 s."
        + " The event is stored and answered at once (a repeat answers 200 with duplicate: true); it is applied to its"
        + " payment or refund in the background. See GET /v1/webhooks/events.");
    operation.requestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true)
        .content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()
            .description("A Stripe event: id, type (payment_intent.succeeded, payment_intent.payment_failed,"
                + " payment_intent.canceled, charge.refunded, refund.updated, refund.failed; others are stored and ignored),"
                + " data.object"))
            .example(stripeEvent()))));
    addProblem(operation, "400", "Signature missing or wrong, timestamp outside the tolerance, or not a Stripe event");
    addProblem(operation, "413", "Body over the webhook size limit");
    addProblem(operation, "429", "Rate limited per endpoint and per client address; `Retry-After` says when to come back");
  }

  private static Map<String, Object> stripeEvent() {
    Map<String, Object> intent = new LinkedHashMap<>();
    intent.put("id", "pi_3QxRtY2eZvKYlo2C");
    intent.put("object", "payment_intent");
    intent.put("amount", 6000);
    intent.put("currency", "usd");
    intent.put("status", "succeeded");
    intent.put("metadata", Map.of("bookpay_payment_id", Examples.id("payment")));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_1QxRtY2eZvKYlo2CbD3fGh4J");
    event.put("object", "event");
    event.put("type", "payment_intent.succeeded");
    event.put("created", 1773134462);
    event.put("livemode", false);
    event.put("data", Map.of("object", intent));
    return event;
  }

  /** A claim document goes up as a multipart file part and comes down as its own bytes. */
  private static void describeDocuments(String path, PathItem item) {
    if (path.equals("/v1/claims/{id}/documents") && item.getPost() != null && item.getPost().getRequestBody() == null) {
      item.getPost().requestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true)
          .content(new Content().addMediaType("multipart/form-data", new MediaType().schema(new ObjectSchema()
              .addProperty("file", new StringSchema().format("binary")
                  .description("The document: application/pdf, image/png or image/jpeg (checked against its first bytes),"
                      + " at most bookpay.http.max-upload-size (10 MB)"))
              .addRequiredItem("file"))
              .example(Map.of("file", "referral-letter.pdf (its bytes, as a file part with Content-Type application/pdf)")))));
    }
    if (path.equals("/v1/claims/{id}/documents/{documentId}/content") && item.getGet() != null) {
      describeDownload(item.getGet());
    }
  }

  /** The document's bytes as uploaded, in their own media type. */
  private static void describeDownload(Operation operation) {
    ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
    if (ok == null) {
      return;
    }
    Content content = new Content();
    for (String type : java.util.List.of("application/pdf", "image/png", "image/jpeg")) {
      content.addMediaType(type, new MediaType().schema(new StringSchema().format("binary")));
    }
    ok.description("The bytes as uploaded; Repr-Digest carries their SHA-256").content(content);
  }

  /** Every POST takes an Idempotency-Key; its successful answers say whether they are replays. */
  private static void addIdempotencyKey(Operation operation) {
    if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()))) {
      return;
    }
    operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
        .schema(new StringSchema().minLength(1).maxLength(255))
        .description("Makes a retry safe: the first answer (2xx, 404, 409, 410) is stored for 24 hours, per tenant, and a retry"
            + " with the same key and the same body gets it again with `Idempotent-Replayed: true`. The same key with another"
            + " body is 422 (`code: idempotency-key-reused`); while the first request runs, a retry is 409"
            + " (`code: idempotency-key-in-flight`, `Retry-After`). Answers to invalid requests (400, 422, ...) are not stored."
            + " Secrets shown once (keys, link tokens, gift card codes) are null in a replay."));
    if (operation.getResponses() != null) {
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("2")) {
          response.addHeaderObject("Idempotent-Replayed", new Header()
              .description("`true` when this is the stored answer to an earlier request with the same Idempotency-Key")
              .schema(new StringSchema()._enum(java.util.List.of("true"))));
        }
      });
    }
  }

  private static void addProblem(Operation operation, String status, String description) {
    if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
      return;
    }
    operation.getResponses().addApiResponse(status, new ApiResponse()
        .description(description)
        .content(new Content().addMediaType("application/problem+json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    Map<String, Schema> fieldError = new LinkedHashMap<>();
    fieldError.put("field", new StringSchema());
    fieldError.put("message", new StringSchema());
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", new StringSchema().format("uri").example("https://bookpay.io/problems/validation"));
    properties.put("title", new StringSchema());
    properties.put("status", new IntegerSchema());
    properties.put("detail", new StringSchema());
    properties.put("instance", new StringSchema());
    properties.put("code", new StringSchema().description(
        "A finer reason clients may switch on, where one exists (e.g. amount-exceeds-balance, coupon-exhausted)"));
    properties.put("errors", new ArraySchema().items(new ObjectSchema().properties(fieldError)));
    return new ObjectSchema().properties(properties).description("RFC 9457 problem details");
  }
}
