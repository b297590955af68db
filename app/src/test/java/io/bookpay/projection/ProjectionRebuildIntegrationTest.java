package io.bookpay.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.platform.kafka.TopicProvisioner;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.FinanceScript;
import io.bookpay.testsupport.Infrastructure;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Rebuilds of a projection (POST/GET /v1/admin/projections/{name}/rebuild). The rebuilds run on an
 * app instance of their own (its own schema, topic prefix and consumer groups), so nothing else
 * writes to its topics or tables while the test compares them.
 */
class ProjectionRebuildIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String operator = "Bearer " + TestInfrastructure.get().adminToken();
  private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();

  /**
   * For each projection: the live consumer applies a realistic mix (a tenant's bookings, link
   * funnel, claims and custom events, and {@link FinanceScript}'s money: payments by every method,
   * refunds, gift cards, a package, memberships, claims, and card disputes, one lost, one won), then a
   * rebuild from the topics' first event gives every table of the projection row for row again,
   * while the live tables keep serving the same reports until the switch.
   */
  @ParameterizedTest
  @ValueSource(strings = {"analytics", "finance"})
  void aRebuildFromZeroGivesTheLiveTablesAgainWhileTheLiveOnesKeepServing(String projection) throws Exception {
    String prefix = "rb" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String schema = TestInfrastructure.get().isolatedSchema("rebuild" + UUID.randomUUID().toString().substring(0, 6));
    Sql db = Sql.of(schema);
    try (AppInstance app = AppInstance.start(schema, kafka, "--bookpay.kafka.consumers-enabled=true", "--bookpay.kafka.topic-prefix=" + prefix);
         KafkaProducer<String, byte[]> producer = producer();
         Admin admin = Admin.create(adminProps())) {
      app.bean(TopicProvisioner.class).ready().get(30, TimeUnit.SECONDS);
      List<String> topics = topics(projection, app.bean(TopicProvisioner.class).names().all(), prefix);
      WebTestClient http = app.http();
      TestTenant tenant = newTenant(http);
      List<EventEnvelope> day = day(tenant.id());
      FinanceScript money = new FinanceScript(tenant.id());
      List<RecordMetadata> sent = new ArrayList<>();
      day.forEach(event -> sent.add(send(producer, prefix, event)));
      sent.add(send(producer, prefix, money.zone()));
      // The zone first (it applies to the events applied after it); a rebuild reads it in the batch that holds them.
      awaitPast(db, projection, topics, sent);
      List<EventEnvelope> rest = new ArrayList<>(money.events());
      rest.addAll(money.disputes());
      rest.forEach(event -> sent.add(send(producer, prefix, event)));
      sent.add(send(producer, prefix, day.get(3))); // a repeat, as the relay may publish: applied once
      sent.add(send(producer, prefix, rest.get(5)));
      // Decode, but name no booking (analytics) or no currency a table accepts (finance): parked, by the live consumer and the rebuild alike.
      EventEnvelope poison = new EventEnvelope(UUID.randomUUID(), "BookingConfirmed", 1, tenant.id(), "Booking", UUID.randomUUID(),
          Instant.now(), new BookingConfirmed(null));
      EventEnvelope moneyPoison = EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(), new PaymentSucceeded(money.invoice8,
          UUID.randomUUID(), new MoneyFacts(null, "CASH", 100, "EURO", List.of("SERVICE"), Map.of("SERVICE", 100L)), null, null));
      sent.add(send(producer, prefix, poison));
      sent.add(send(producer, prefix, moneyPoison));
      EventEnvelope parked = projection.equals("finance") ? moneyPoison : poison;
      // Also past what the instance's relay published (the tenant's creation): nothing is left to apply.
      awaitPast(db, projection, topics, sent);
      awaitCaughtUp(db, admin, projection, topics);

      Map<String, String> liveTables = tables(db, schema, projection);
      assertThat(liveTables).containsKeys(projection.equals("finance")
          ? new String[] {"finance_tenant_zones", "finance_money", "finance_money_line_kinds", "finance_invoices", "finance_bookings",
              "finance_gift_card_moves", "finance_packages", "finance_package_moves", "finance_memberships", "finance_claims",
              "finance_claim_moves"}
          : new String[] {"analytics_events", "analytics_daily", "analytics_bookings", "analytics_link_daily", "analytics_claims",
              "analytics_tenant_zones"});
      if (projection.equals("finance")) {
        assertThat(liveTables).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
        assertThat(liveTables.get("finance_money")).contains("DISPUTE_LOST");
      } else {
        assertThat(liveTables.get("analytics_events")).isNotEmpty();
      }
      String liveProcessed = processed(db, projection);
      String liveDeadLetters = deadLetters(db, projection);
      Map<String, Object> liveReports = reports(http, tenant, projection);
      assertThat(db.count("SELECT count(*) FROM projection_dead_letters WHERE consumer = ? AND event_id = ?", projection, parked.eventId()))
          .isEqualTo(1);

      // Hold the switch (as a live batch in flight would): the rebuild fills its tables, then waits.
      String rebuildSchema = schema + "_rebuild_" + projection;
      String table = projection.equals("finance") ? "finance_money" : "analytics_events";
      try (Connection switchLock = holdSwitchLock(schema, projection)) {
        http.post().uri("/v1/admin/projections/" + projection + "/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
            .expectStatus().isAccepted()
            .expectHeader().valueEquals(HttpHeaders.LOCATION, "/v1/admin/projections/" + projection + "/rebuild")
            .expectBody().jsonPath("$.state").isEqualTo("RUNNING").jsonPath("$.projection").isEqualTo(projection);
        http.post().uri("/v1/admin/projections/" + projection + "/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.code").isEqualTo("rebuild-running");

        await().atMost(Duration.ofSeconds(60)).until(() -> "SWITCHING".equals(progress(http, projection).get("phase"))
            && db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0);
        Map<String, Object> progress = progress(http, projection);
        assertThat(progress).containsEntry("state", "RUNNING");
        assertThat(((Number) progress.get("eventsReplayed")).longValue()).isGreaterThanOrEqualTo(day.size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> partitions = (List<Map<String, Object>>) progress.get("partitions");
        assertThat(partitions).isNotEmpty().allSatisfy(p -> assertThat(((Number) p.get("offset")).longValue())
            .isEqualTo(((Number) p.get("endOffset")).longValue()));
        assertThat(partitions).anySatisfy(p -> assertThat(((Number) p.get("offset")).longValue()).isPositive());
        // The fresh tables are full; the live ones still serve the same answers.
        assertThat(db.count("SELECT count(*) FROM \"" + rebuildSchema + "\"." + table)).isEqualTo(db.count("SELECT count(*) FROM " + table));
        assertThat(reports(http, tenant, projection)).isEqualTo(liveReports);
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(progress(http, projection).get("state")));
      Map<String, Object> done = progress(http, projection);
      assertThat(done).containsEntry("state", "SUCCEEDED").containsEntry("phase", "DONE");
      assertThat(done.get("finishedAt")).isNotNull();
      assertThat(done.get("error")).isNull();

      // The switched tables hold the same rows as the live ones did, every table, and the reports agree.
      assertThat(tables(db, schema, projection)).isEqualTo(liveTables);
      assertThat(processed(db, projection)).isEqualTo(liveProcessed);
      assertThat(deadLetters(db, projection)).isEqualTo(liveDeadLetters);
      assertThat(db.count("SELECT count(*) FROM projection_dead_letters WHERE consumer = ? AND event_id = ?", projection, parked.eventId()))
          .isEqualTo(1);
      assertThat(reports(http, tenant, projection)).isEqualTo(liveReports);
      // Nothing left behind, and the schema has its indexes and triggers under their migration names.
      assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN (?, ?)", rebuildSchema, schema + "_retired_" + projection))
          .isZero();
      String index = projection.equals("finance") ? "finance_money_day_idx" : "analytics_events_type_idx";
      String trigger = projection.equals("finance") ? "finance_money_touch" : "analytics_bookings_touch";
      assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = ?", schema, index)).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND t.tgname = ?", schema, trigger)).isEqualTo(1);

      // The live consumer goes on into the switched tables.
      EventEnvelope later = projection.equals("finance")
          ? EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(), new PaymentSucceeded(money.invoice9, UUID.randomUUID(),
              new MoneyFacts(null, "CASH", 400, "EUR", List.of("SERVICE"), Map.of("SERVICE", 400L)), null, null))
          : EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(), new BookingCompleted(facts(UUID.randomUUID())));
      awaitPast(db, projection, topics, List.of(send(producer, prefix, later)));
      assertThat(db.count("SELECT count(*) FROM " + table + " WHERE event_id = ?", later.eventId())).isEqualTo(1);
    }
  }

  /** The topics a projection's consumer reads (finance: the money, claims, bookings and tenant profiles), under the prefix. */
  private static List<String> topics(String projection, List<String> all, String prefix) {
    if (!projection.equals("finance")) {
      return all;
    }
    return Stream.of(Topics.PAYMENTS, Topics.CLAIMS, Topics.BOOKINGS, Topics.TENANTS).map(t -> Topics.withPrefix(prefix, t)).toList();
  }

  @Test
  void aRebuildIsRefusedWhenTheTopicsNoLongerStartAtTheFirstEvent() throws Exception {
    String prefix = "rt" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String schema = TestInfrastructure.get().isolatedSchema("rebuildtr" + UUID.randomUUID().toString().substring(0, 6));
    try (AppInstance app = AppInstance.start(schema, kafka, "--bookpay.kafka.topic-prefix=" + prefix);
         KafkaProducer<String, byte[]> producer = producer();
         Admin admin = Admin.create(adminProps())) {
      app.bean(TopicProvisioner.class).ready().get(30, TimeUnit.SECONDS);
      WebTestClient http = app.http();
      http.get().uri("/v1/admin/projections/analytics/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
          .expectStatus().isNotFound();

      UUID tenant = UUID.randomUUID();
      String topic = Topics.withPrefix(prefix, Topics.BOOKINGS);
      for (int i = 0; i < 2; i++) {
        EventEnvelope event = EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.now(), new BookingCompleted(facts(UUID.randomUUID())));
        producer.send(new ProducerRecord<>(topic, 0, event.aggregateId().toString(), new EventCodec().encode(event))).get();
      }
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1))).all().get(30, TimeUnit.SECONDS);

      http.post().uri("/v1/admin/projections/analytics/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
          .expectStatus().isEqualTo(422)
          .expectHeader().contentType("application/problem+json")
          .expectBody()
          .jsonPath("$.code").isEqualTo("rebuild-topics-truncated")
          .jsonPath("$.partitions.length()").isEqualTo(1)
          .jsonPath("$.partitions[0].topic").isEqualTo(topic)
          .jsonPath("$.partitions[0].partition").isEqualTo(0)
          .jsonPath("$.partitions[0].offset").isEqualTo(1);
      Sql db = Sql.of(schema);
      assertThat(db.count("SELECT count(*) FROM projection_rebuilds")).isZero();
      assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = ?", schema + "_rebuild_analytics")).isZero();
      // Refused, not stuck: the lock is free again, so the next request is refused for the same reason, not as running.
      http.post().uri("/v1/admin/projections/analytics/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
          .expectStatus().isEqualTo(422);
    }
  }

  @Test
  void rebuildsAreTheOperatorsOnlyAndNameAProjection() {
    TestTenant tenant = newTenant();
    for (String credential : new String[] {null, "Bearer " + tenant.apiKey(), "Bearer not-the-operator-token"}) {
      var post = http.post().uri("/v1/admin/projections/analytics/rebuild");
      var get = http.get().uri("/v1/admin/projections/analytics/rebuild");
      if (credential != null) {
        post = post.header(HttpHeaders.AUTHORIZATION, credential);
        get = get.header(HttpHeaders.AUTHORIZATION, credential);
      }
      // A tenant's key on an operator route is 401, like every admin route: it is not a credential there.
      post.exchange().expectStatus().isUnauthorized();
      get.exchange().expectStatus().isUnauthorized();
    }
    assertThat(sql.count("SELECT count(*) FROM projection_rebuilds")).isZero();
    http.post().uri("/v1/admin/projections/no-such-projection/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
    http.get().uri("/v1/admin/projections/no-such-projection/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isNotFound();
  }

  /** A tenant's day on the analytics topics: profile, bookings through every status, a link funnel, a claim, custom events. */
  private static List<EventEnvelope> day(UUID tenant) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<EventEnvelope> events = new ArrayList<>();
    events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(2, ChronoUnit.DAYS),
        new TenantProfileChanged(tenant, "Clinic", "Europe/Berlin", 2)));
    UUID link = UUID.randomUUID();
    events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(1, ChronoUnit.DAYS),
        new LinkViewed(link, 7, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS))));
    events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(1, ChronoUnit.DAYS),
        new LinkSlotsSearched(link, 4, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS))));
    for (int i = 0; i < 6; i++) {
      UUID booking = UUID.randomUUID();
      BookingFacts facts = facts(booking);
      Instant at = now.minus(30 - i, ChronoUnit.HOURS);
      events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, at, new BookingHeld(facts, at.plus(10, ChronoUnit.MINUTES))));
      if (i % 2 == 0) {
        events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, at, new LinkUsed(link, booking, 1)));
      }
      events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, at.plusSeconds(60), new BookingConfirmed(facts)));
      events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, at.plusSeconds(120), switch (i % 3) {
        case 0 -> new BookingCancelled(facts, "changed plans");
        case 1 -> new BookingNoShow(facts);
        default -> new BookingCompleted(facts);
      }));
    }
    UUID claim = UUID.randomUUID();
    events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(20, ChronoUnit.HOURS),
        new ClaimSubmitted(claim, UUID.randomUUID(), UUID.randomUUID(), 10000, 8000, "EUR", "Acme Health")));
    events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(10, ChronoUnit.HOURS),
        new ClaimApproved(claim, UUID.randomUUID(), UUID.randomUUID(), 8000, 10000, "EUR", "Acme Health")));
    for (int i = 0; i < 3; i++) {
      events.add(EventEnvelope.wrap(UUID.randomUUID(), tenant, now.minus(i, ChronoUnit.HOURS), new CustomEventRecorded(UUID.randomUUID(),
          "promo.clicked", now.minus(i, ChronoUnit.HOURS), null, "s-" + i, link, JsonNodeFactory.instance.objectNode().put("campaign", "spring"))));
    }
    return events;
  }

  private static BookingFacts facts(UUID booking) {
    Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    return new BookingFacts(booking, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start,
        start.plus(45, ChronoUnit.MINUTES), 9000, "EUR");
  }

  /**
   * Every table of the projection ({@code analytics_*}, {@code finance_*}): its rows, each as text,
   * ordered: all columns but created_at and updated_at, which say when a row was written, not what it says.
   */
  private static Map<String, String> tables(Sql db, String schema, String projection) {
    Map<String, String> tables = new LinkedHashMap<>();
    for (Map<String, Object> row : db.rows("""
        SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols
        FROM information_schema.columns WHERE table_schema = ? AND table_name LIKE ? || '\\_%'
          AND column_name NOT IN ('created_at', 'updated_at')
        GROUP BY table_name ORDER BY table_name
        """, schema, projection)) {
      String table = (String) row.get("table_name");
      Object rows = db.rows("SELECT coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') AS rows FROM (SELECT " + row.get("cols")
          + " FROM " + table + ") r").get(0).get("rows");
      tables.put(table, (String) rows);
    }
    return tables;
  }

  private static String processed(Sql db, String projection) {
    return db.rows("SELECT coalesce(string_agg(event_id::text, ',' ORDER BY event_id), '') AS ids FROM processed_events WHERE consumer = ?",
        projection).get(0).get("ids").toString();
  }

  private static String deadLetters(Sql db, String projection) {
    return db.rows("SELECT coalesce(string_agg(event_id::text, ',' ORDER BY event_id), '') AS ids FROM projection_dead_letters"
        + " WHERE consumer = ?", projection).get(0).get("ids").toString();
  }

  /**
   * The projection's reports of the tenant, fresh (no cache), without the fields that say when they
   * were computed: analytics over the last days; finance in euros from the script's first invoice to now.
   */
  private static Map<String, Object> reports(WebTestClient http, TestTenant tenant, String projection) {
    LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    List<String> queries = projection.equals("finance")
        ? List.of("financial?groupBy=month&currency=EUR&from=2025-10-01&to=" + to, "receivables?currency=EUR&on=2026-04-01",
            "gift-cards?groupBy=month&currency=EUR&from=2025-10-01&to=" + to, "packages?groupBy=month&currency=EUR&from=2025-10-01&to=" + to,
            "memberships?groupBy=month&currency=EUR&from=2025-10-01&to=" + to, "financial?currency=USD&from=2026-03-01&to=2026-04-30")
        : List.of("bookings", "funnel", "claims", "events").stream().map(r -> r + "?from=" + to.minusDays(5) + "&to=" + to).toList();
    Map<String, Object> answers = new LinkedHashMap<>();
    for (String report : queries) {
      byte[] body = http.get().uri("/v1/reports/" + report)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
          .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
      @SuppressWarnings("unchecked")
      Map<String, Object> answer = JSON.readValue(body, Map.class);
      answer.remove("asOf");
      answer.remove("lagSeconds");
      answers.put(report, answer);
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> progress(WebTestClient http, String projection) {
    return http.get().uri("/v1/admin/projections/" + projection + "/rebuild").header(HttpHeaders.AUTHORIZATION, operator).exchange()
        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }

  /** Takes the projection's switch lock of the schema, shared, on a connection of its own: closing it releases the lock. */
  private static Connection holdSwitchLock(String schema, String projection) throws Exception {
    Infrastructure.Database database = TestInfrastructure.get().database();
    Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT pg_advisory_lock_shared(hashtext('bookpay.projection-switch'), hashtext(?))")) {
      lock.setString(1, schema + ":" + projection);
      lock.execute();
    }
    return connection;
  }

  /** Until the projection's consumer is past every record sent to one of its topics. */
  private static void awaitPast(Sql db, String projection, List<String> topics, List<RecordMetadata> sent) {
    Map<TopicPartition, Long> last = new HashMap<>();
    sent.stream().filter(r -> topics.contains(r.topic()))
        .forEach(r -> last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
    await().atMost(Duration.ofSeconds(60)).until(() -> last.entrySet().stream().allMatch(e -> db.count(
        "SELECT coalesce(max(next_offset), -1) FROM projection_positions WHERE consumer = ? AND topic = ? AND kafka_partition = ?",
        projection, e.getKey().topic(), e.getKey().partition()) > e.getValue()));
  }

  private static void awaitCaughtUp(Sql db, Admin admin, String projection, List<String> topics) throws Exception {
    Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d -> d.partitions().forEach(
        p -> request.put(new TopicPartition(d.name(), p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
    await().atMost(Duration.ofSeconds(60)).until(() -> ends.entrySet().stream().filter(e -> e.getValue() > 0).allMatch(e -> db.count(
        "SELECT coalesce(max(next_offset), 0) FROM projection_positions WHERE consumer = ? AND topic = ? AND kafka_partition = ?",
        projection, e.getKey().topic(), e.getKey().partition()) >= e.getValue()));
  }

  private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String prefix, EventEnvelope event) {
    try {
      return producer.send(new ProducerRecord<>(Topics.withPrefix(prefix, event.topic()), event.aggregateId().toString(),
          new EventCodec().encode(event))).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private Properties adminProps() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    return props;
  }
}
