package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.platform.cache.ChangeFeed;
import io.bookpay.tenant.TenantService;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Another instance's change reaches this instance's caches through the change's own event, long
 * before the cache's TTL while the feed is live (60 s by default): the test changes the rows in SQL,
 * as another instance would, and publishes the event as that instance's relay would. Also: this
 * instance's own changes clear at once, time off included (it now publishes the provider's snapshot).
 */
class CacheInvalidationIntegrationTest extends IntegrationTest {

  /** Well under the live TTL: an answer within it came from the event, not from expiry. */
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Autowired ChangeFeed feed;
  @Autowired TenantService tenants;

  private final KafkaEvents kafka = new KafkaEvents();
  private TestTenant tenant;
  private CatalogFixture catalog;
  private LinkFixture links;

  @BeforeEach
  void catalog() {
    await().atMost(Duration.ofSeconds(60)).until(feed::isLive);
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(1);
    links = new LinkFixture(http, tenant.apiKey());
  }

  @AfterEach
  void close() {
    kafka.close();
  }

  private int slots(String token, Instant from, Instant to) {
    Map<?, ?> body = http.get().uri("/v1/public/links/" + token + "/slots?from=" + from + "&to=" + to)
        .header("X-Forwarded-For", "198.51.100.7").exchange()
        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    return ((List<?>) body.get("slots")).size();
  }

  @Test
  void timeOffWrittenByAnotherInstanceEmptiesTheSlotsHereWhenItsEventArrives() {
    LinkFixture.Created link = links.create(catalog.serviceId, catalog.provider(), null);
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    Instant eleven = ten.plusSeconds(3600);
    long epoch = feed.epoch();
    assertThat(slots(link.token(), ten, eleven)).isEqualTo(4); // now cached, for the live TTL

    sql.update("INSERT INTO time_off (id, tenant_id, provider_id, period, reason, created_at) "
        + "VALUES (?, ?, ?, tstzrange(?, ?, '[)'), 'elsewhere', now())",
        UUID.randomUUID(), tenant.id(), catalog.provider(), Timestamp.from(ten), Timestamp.from(eleven));
    int before = slots(link.token(), ten, eleven);
    if (feed.epoch() == epoch) { // the feed did not lapse meanwhile (a lapse clears everything)
      assertThat(before).as("the row alone is not seen: the schedules are served from memory").isEqualTo(4);
    }

    kafka.send(EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(), new ProviderChanged(catalog.provider(),
        "Provider 0", true, List.of(catalog.locationId), List.of(catalog.serviceId), List.of(), 0)));
    await().atMost(DEADLINE).until(() -> slots(link.token(), ten, eleven) == 0);
  }

  @Test
  void aProfileChangedByAnotherInstanceReachesTheTenantCacheWhenItsEventArrives() {
    String name = tenants.get(tenant.id()).block().name(); // now cached
    long epoch = feed.epoch();
    sql.update("UPDATE tenants SET name = 'Renamed elsewhere', version = version + 1 WHERE id = ?", tenant.id());
    String before = tenants.get(tenant.id()).block().name();
    if (feed.epoch() == epoch) {
      assertThat(before).as("the row alone is not seen: the tenant is served from memory").isEqualTo(name);
    }
    assertThat(tenants.current(tenant.id()).block().name()).as("the owner's read is the table's").isEqualTo("Renamed elsewhere");

    kafka.send(EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(),
        new TenantProfileChanged(tenant.id(), "Renamed elsewhere", "UTC", 1, null, null, null, null, null, null)));
    await().atMost(DEADLINE).until(() -> tenants.get(tenant.id()).block().name().equals("Renamed elsewhere"));
  }

  @Test
  void thisInstancesOwnChangesAreSeenAtOnce() {
    assertThat(tenants.get(tenant.id()).block().displayName()).isNull();
    http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.valueOf("application/merge-patch+json")).bodyValue(Map.of("displayName", "Bright Smiles"))
        .exchange().expectStatus().isOk();
    assertThat(tenants.get(tenant.id()).block().displayName()).isEqualTo("Bright Smiles");

    LinkFixture.Created link = links.create(catalog.serviceId, catalog.provider(), null);
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    assertThat(slots(link.token(), ten, ten.plusSeconds(3600))).isEqualTo(4);
    http.post().uri("/v1/providers/" + catalog.provider() + "/time-off").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("start", ten.toString(), "end", ten.plusSeconds(3600).toString()))
        .exchange().expectStatus().isCreated();
    assertThat(slots(link.token(), ten, ten.plusSeconds(3600))).isZero();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'ProviderChanged' AND aggregate_id = ?",
        tenant.id(), catalog.provider()))
        .as("the time off published the provider's snapshot, for the other instances' caches").isGreaterThanOrEqualTo(3);
  }
}
