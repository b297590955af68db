package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A resource's timestamps read the same in the answer that created it and in every later read:
 * microseconds (PostgreSQL's precision), never a nanosecond-precise creation answer.
 */
class TimestampPrecisionIntegrationTest extends IntegrationTest {

  @Test
  void aPostAnswerAndALaterGetShowIdenticalTimestamps() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);

    Map<String, Object> hold = catalog.booking(catalog.provider(), CatalogFixture.nextWeekAt(9, 0));
    hold.put("hold", true);
    sameOnRead(catalog, "/v1/bookings", hold, List.of("createdAt", "updatedAt", "holdExpiresAt", "start", "end"));
    sameOnRead(catalog, "/v1/customers", Map.of("name", "Ada", "email", "ada-" + UUID.randomUUID() + "@example.com"),
        List.of("createdAt", "updatedAt"));
    sameOnRead(catalog, "/v1/locations", Map.of("name", "Harbour", "timeZone", "Europe/Berlin"), List.of("createdAt", "updatedAt"));
  }

  private static void sameOnRead(CatalogFixture catalog, String path, Map<String, Object> body, List<String> fields) {
    Map<?, ?> created = catalog.post(path, body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    Map<?, ?> read = catalog.get(path + "/" + created.get("id")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    for (String field : fields) {
      Object answered = created.get(field);
      assertThat(answered).as(path + " " + field).isNotNull();
      assertThat(read.get(field)).as(path + " " + field).isEqualTo(answered);
      // At most six fractional digits: "2026-12-01T00:00:00.123456Z".
      assertThat((String) answered).as(path + " " + field).matches("[^.]*(\\.\\d{1,6})?Z");
    }
  }
}
