package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad catalog and booking input: a clear 4xx, and nothing written. */
class BookingBadInputIntegrationTest extends IntegrationTest {

  private static final String SOON = CatalogFixture.nextWeekAt(10, 0).toString();

  static Stream<Arguments> cases() {
    return Stream.of(
        // description, path template, body changes (applied to a valid booking, or replacing it), status, type
        Arguments.of("unknown service", "/v1/bookings", edit(b -> b.put("serviceId", UUID.randomUUID().toString())), 422, "unprocessable"),
        Arguments.of("past start", "/v1/bookings", edit(b -> b.put("start", "2020-01-01T10:00:00Z")), 422, "unprocessable"),
        Arguments.of("start off the slot grid", "/v1/bookings", edit(b -> b.put("start", CatalogFixture.nextWeekAt(10, 7).toString())), 422, "unprocessable"),
        Arguments.of("start outside working hours", "/v1/bookings", edit(b -> b.put("start", CatalogFixture.nextWeekAt(22, 0).toString())), 422, "unprocessable"),
        Arguments.of("beyond the advance window", "/v1/bookings", edit(b -> b.put("start", Instant.now().plusSeconds(200L * 86_400).toString())), 422, "unprocessable"),
        Arguments.of("unknown provider", "/v1/bookings", edit(b -> b.put("providerId", UUID.randomUUID().toString())), 422, "unprocessable"),
        Arguments.of("both customerId and customer", "/v1/bookings", edit(b -> b.put("customerId", UUID.randomUUID().toString())), 400, "validation"),
        Arguments.of("no customer", "/v1/bookings", edit(b -> b.remove("customer")), 400, "validation"),
        Arguments.of("unknown customerId", "/v1/bookings", edit(b -> {
          b.remove("customer");
          b.put("customerId", UUID.randomUUID().toString());
        }), 422, "unprocessable"),
        Arguments.of("start not a time", "/v1/bookings", edit(b -> b.put("start", "tomorrow")), 400, "malformed-request"),
        Arguments.of("missing start", "/v1/bookings", edit(b -> b.remove("start")), 400, "validation"),
        Arguments.of("wrong time zone", "/v1/locations", replace(Map.of("name", "X", "timeZone", "Mars/Olympus")), 400, "validation"),
        Arguments.of("offset instead of zone", "/v1/locations", replace(Map.of("name", "X", "timeZone", "+05:30")), 400, "validation"),
        Arguments.of("unknown currency", "/v1/services", replace(Map.of("name", "X", "durationMinutes", 30, "priceAmount", 100, "currency", "XYZ")), 400, "validation"),
        Arguments.of("negative price", "/v1/services", replace(Map.of("name", "X", "durationMinutes", 30, "priceAmount", -1, "currency", "EUR")), 400, "validation"),
        Arguments.of("zero duration", "/v1/services", replace(Map.of("name", "X", "durationMinutes", 0, "priceAmount", 1, "currency", "EUR")), 400, "validation"),
        Arguments.of("time off ending before it starts", "/v1/providers/{provider}/time-off",
            replace(Map.of("start", "2030-01-02T10:00:00Z", "end", "2030-01-02T09:00:00Z")), 400, "validation"),
        Arguments.of("hours ending before they start", "/v1/providers/{provider}/working-hours@PUT",
            replace(Map.of("hours", List.of(Map.of("locationId", "{location}", "weekday", 1, "start", "17:00", "end", "09:00")))), 400, "validation"),
        Arguments.of("overlapping hours", "/v1/providers/{provider}/working-hours@PUT",
            replace(Map.of("hours", List.of(
                Map.of("locationId", "{location}", "weekday", 1, "start", "09:00", "end", "13:00"),
                Map.of("locationId", "{location}", "weekday", 1, "start", "12:00", "end", "17:00")))), 422, "unprocessable"),
        Arguments.of("weekday 8", "/v1/providers/{provider}/working-hours@PUT",
            replace(Map.of("hours", List.of(Map.of("locationId", "{location}", "weekday", 8, "start", "09:00", "end", "13:00")))), 400, "validation"));
  }

  private static Consumer<Map<String, Object>> edit(Consumer<Map<String, Object>> change) {
    return change;
  }

  private static Consumer<Map<String, Object>> replace(Map<String, Object> body) {
    return b -> {
      b.clear();
      b.putAll(body);
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithAProblemAndNothingWritten(String description, String path, Consumer<Map<String, Object>> change, int status, String type) {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    long hoursBefore = sql.count("SELECT count(*) FROM working_hours WHERE tenant_id = ?", tenant.id());
    long outboxBefore = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id()); // the tenant's and catalog's events
    Map<String, Object> body = new HashMap<>(catalog.booking(catalog.provider(), Instant.parse(SOON)));
    change.accept(body);
    String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(body)
        .replace("{location}", catalog.locationId.toString());
    String target = path.replace("{provider}", catalog.provider().toString());

    var request = target.endsWith("@PUT")
        ? http.put().uri(target.substring(0, target.length() - 4))
        : http.post().uri(target);
    request.header("Authorization", "Bearer " + tenant.apiKey()).header("Content-Type", "application/json").bodyValue(json)
        .exchange()
        .expectStatus().isEqualTo(status)
        .expectHeader().contentType("application/problem+json")
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/" + type);

    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM time_off WHERE tenant_id = ?", tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM locations WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM services WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM working_hours WHERE tenant_id = ?", tenant.id())).isEqualTo(hoursBefore);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id())).isEqualTo(outboxBefore);
  }
}
