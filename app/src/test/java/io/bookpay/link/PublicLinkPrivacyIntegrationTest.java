package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A link's public answers tell nobody who is a customer and carry no internal ids but the
 * booking's own; a client who types someone else's email books on that record without changing
 * it, and the business sees the booking as unverified, with what was typed.
 */
class PublicLinkPrivacyIntegrationTest extends IntegrationTest {

  private TestTenant tenant;
  private CatalogFixture catalog;
  private LinkFixture links;

  @BeforeEach
  void catalog() {
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(2);
    links = new LinkFixture(http, tenant.apiKey());
  }

  @Test
  void aTypedEmailOfAKnownCustomerChangesNothingAndAnswersLikeAnUnknownOne() {
    UUID ada = newCustomer(http, tenant, "Ada Lovelace", "ada@example.com");
    LinkFixture.Created link = links.create(Map.of("serviceId", catalog.serviceId));

    EntityExchangeResult<Map> known = book(link.token(), CatalogFixture.nextWeekAt(9, 0),
        Map.of("name", "Mallory", "email", "ADA@example.com", "phone", "+1 555 0199"));
    EntityExchangeResult<Map> unknown = book(link.token(), CatalogFixture.nextWeekAt(11, 0),
        Map.of("name", "Bob", "email", "bob-" + UUID.randomUUID() + "@example.com"));

    for (EntityExchangeResult<Map> answer : List.of(known, unknown)) {
      assertThat(answer.getStatus().value()).isEqualTo(201);
      assertThat(answer.getResponseHeaders().getLocation()).isNull();
      assertThat(answer.getResponseBody()).doesNotContainKeys("customerId", "serviceId", "providerId", "locationId",
          "attendee", "attendeeVerified");
      assertOnlyTheBookingsOwnId(answer);
    }
    assertThat(known.getResponseBody().keySet()).isEqualTo(unknown.getResponseBody().keySet());
    assertThat(withoutPerBookingValues(known.getResponseBody())).isEqualTo(withoutPerBookingValues(unknown.getResponseBody()));
    assertThat(known.getResponseHeaders().headerNames()).isEqualTo(unknown.getResponseHeaders().headerNames());

    // Ada's record is as she left it; the booking sits on it, unverified, with what Mallory typed.
    catalog.get("/v1/customers/" + ada).expectStatus().isOk().expectBody()
        .jsonPath("$.name").isEqualTo("Ada Lovelace").jsonPath("$.email").isEqualTo("ada@example.com")
        .jsonPath("$.phone").doesNotExist().jsonPath("$.version").isEqualTo(0);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type LIKE 'Customer%' AND aggregate_id = ?",
        tenant.id(), ada)).isEqualTo(1); // only its registration
    catalog.get("/v1/bookings/" + known.getResponseBody().get("id")).expectStatus().isOk().expectBody()
        .jsonPath("$.customerId").isEqualTo(ada.toString())
        .jsonPath("$.attendee.name").isEqualTo("Mallory")
        .jsonPath("$.attendee.email").isEqualTo("ADA@example.com")
        .jsonPath("$.attendee.phone").isEqualTo("+1 555 0199")
        .jsonPath("$.attendeeVerified").isEqualTo(false);
    // A new email registers a new customer from what was typed: nothing to doubt there.
    catalog.get("/v1/bookings/" + unknown.getResponseBody().get("id")).expectStatus().isOk().expectBody()
        .jsonPath("$.customerId").value(id -> assertThat(id).isNotEqualTo(ada.toString()))
        .jsonPath("$.attendee.name").isEqualTo("Bob")
        .jsonPath("$.attendeeVerified").isEqualTo(true);
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isEqualTo(2);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND NOT attendee_verified", tenant.id())).isEqualTo(1);
  }

  @Test
  void theViewAndTheSlotsShowNoInternalIds() {
    LinkFixture.Created withProvider = links.create(catalog.serviceId, catalog.provider(), null);
    byte[] view = links.view(withProvider.token(), "198.51.100.7").expectStatus().isOk()
        .expectBody().jsonPath("$.provider.name").isEqualTo("Provider 0").jsonPath("$.provider.id").doesNotExist()
        .returnResult().getResponseBody();
    assertNoInternalIds(new String(view, java.nio.charset.StandardCharsets.UTF_8));

    // Without a provider, two providers free at one time show as one time.
    LinkFixture.Created anyProvider = links.create(catalog.serviceId, null, null);
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    byte[] slots = http.get().uri("/v1/public/links/" + anyProvider.token() + "/slots?from=" + ten + "&to=" + ten.plusSeconds(3600))
        .header("X-Forwarded-For", "198.51.100.8").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.slots.length()").isEqualTo(4)
        .jsonPath("$.slots[0].start").isEqualTo(ten.toString())
        .jsonPath("$.slots[0].providerId").doesNotExist()
        .jsonPath("$.slots[0].locationId").doesNotExist()
        .returnResult().getResponseBody();
    assertNoInternalIds(new String(slots, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aRefusedPublicBookingNamesNoInternalIds() {
    LinkFixture.Created link = links.create(Map.of("serviceId", catalog.serviceId));
    // Off the slot grid: the API's own wording names the service; the public one does not.
    EntityExchangeResult<Map> refused = book(link.token(), CatalogFixture.nextWeekAt(9, 7), Map.of("name", "Eve", "phone", "+1 555 0100"));
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertNoInternalIds(refused.getResponseBody().toString());

    // A link naming a customer the business has since deleted: the API would say "Customer <id> not found".
    UUID gone = newCustomer(http, tenant, "Gone", "gone@example.com");
    LinkFixture.Created named = links.create(Map.of("serviceId", catalog.serviceId, "customer", Map.of("customerId", gone)));
    http.delete().uri("/v1/customers/" + gone).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    refused = book(named.token(), CatalogFixture.nextWeekAt(9, 0), null);
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseBody().toString()).doesNotContain(gone.toString());
    assertNoInternalIds(refused.getResponseBody().toString());
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void theBusinessesOwnChoicesAreVerifiedAndKeepTheAttendee() {
    UUID ada = newCustomer(http, tenant, "Ada Lovelace", "ada@example.com");
    // A link that names the customer: the attendee is that customer as the booking was made.
    LinkFixture.Created named = links.create(Map.of("serviceId", catalog.serviceId, "customer", Map.of("customerId", ada)));
    Object id = book(named.token(), CatalogFixture.nextWeekAt(9, 0), null).getResponseBody().get("id");
    catalog.get("/v1/bookings/" + id).expectStatus().isOk().expectBody()
        .jsonPath("$.customerId").isEqualTo(ada.toString())
        .jsonPath("$.attendee.name").isEqualTo("Ada Lovelace").jsonPath("$.attendee.email").isEqualTo("ada@example.com")
        .jsonPath("$.attendeeVerified").isEqualTo(true);

    // A link prefilled by the business with a known email: its word, so verified.
    LinkFixture.Created prefilled = links.create(Map.of("serviceId", catalog.serviceId,
        "customer", Map.of("name", "Ada", "email", "ada@example.com")));
    id = book(prefilled.token(), CatalogFixture.nextWeekAt(10, 0), null).getResponseBody().get("id");
    catalog.get("/v1/bookings/" + id).expectStatus().isOk().expectBody()
        .jsonPath("$.customerId").isEqualTo(ada.toString()).jsonPath("$.attendeeVerified").isEqualTo(true);

    // The API with an inline known email: the business typed it.
    Map<String, Object> body = new HashMap<>(Map.of("serviceId", catalog.serviceId, "start", CatalogFixture.nextWeekAt(11, 0).toString(),
        "customer", Map.of("name", "Ada L.", "email", "ADA@example.com")));
    http.post().uri("/v1/bookings").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated().expectBody()
        .jsonPath("$.customerId").isEqualTo(ada.toString())
        .jsonPath("$.attendee.name").isEqualTo("Ada L.")
        .jsonPath("$.attendeeVerified").isEqualTo(true);
    catalog.get("/v1/customers/" + ada).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Ada Lovelace");
  }

  @Test
  void theApiDescriptionShowsTheAttendeeAndAPublicBookingWithoutIds() {
    http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.components.schemas.Booking.properties.attendee").exists()
        .jsonPath("$.components.schemas.Booking.properties.attendeeVerified.description").isNotEmpty()
        .jsonPath("$.components.schemas.PublicBooking.properties.id").exists()
        .jsonPath("$.components.schemas.PublicBooking.properties.customerId").doesNotExist()
        .jsonPath("$.components.schemas.PublicSlot.properties.providerId").doesNotExist()
        // A database outage is a documented 503 everywhere, the public side included.
        .jsonPath("$.paths['/v1/public/links/{token}/bookings'].post.responses['503'].content['application/problem+json']").exists()
        .jsonPath("$.paths['/v1/customers'].get.responses['503']").exists();
  }

  private EntityExchangeResult<Map> book(String token, Instant start, Map<String, Object> customer) {
    Map<String, Object> body = new HashMap<>(Map.of("start", start.toString()));
    if (customer != null) {
      body.put("customer", customer);
    }
    return http.post().uri("/v1/public/links/" + token + "/bookings").header("X-Forwarded-For", "198.51.100.9")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody(Map.class).returnResult();
  }

  /** The only UUID in a public booking answer is the booking's id. */
  private static void assertOnlyTheBookingsOwnId(EntityExchangeResult<Map> answer) {
    String id = (String) answer.getResponseBody().get("id");
    String rest = answer.getResponseBody().toString().replace(id, "");
    assertThat(rest).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** No id of the tenant's records (names made by the fixtures may hold random UUIDs, so only the ids are looked for). */
  private void assertNoInternalIds(String body) {
    assertThat(body).doesNotContain(tenant.id().toString(), catalog.serviceId.toString(), catalog.locationId.toString())
        .doesNotContain(catalog.providerIds.stream().map(UUID::toString).toList().toArray(String[]::new));
  }

  private static Map<Object, Object> withoutPerBookingValues(Map<?, ?> body) {
    Map<Object, Object> copy = new HashMap<>(body);
    copy.keySet().removeAll(List.of("id", "start", "end"));
    return copy;
  }
}
