package io.bookpay.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** HTTP → row + outbox in one transaction → relay → Kafka → analytics consumer → report. */
class CustomerEventFlowIntegrationTest extends IntegrationTest {

  @Test
  void aRegisteredCustomerTravelsTheWholeEventPath() {
    TestTenant tenant = newTenant();

    Map<?, ?> created =
        http.post().uri("/v1/customers")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Ada Lovelace", "email", "ada@example.com", "phone", "+44 20 7946 0000"))
            .exchange()
            .expectStatus().isCreated()
            .expectHeader().valueMatches(HttpHeaders.LOCATION, "/v1/customers/[0-9a-f-]{36}")
            .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
            .expectBody(Map.class).returnResult().getResponseBody();
    UUID customerId = UUID.fromString((String) created.get("id"));
    assertThat(created.get("name")).isEqualTo("Ada Lovelace");
    assertThat(created.get("email")).isEqualTo("ada@example.com");
    assertThat(created.containsKey("tenantId")).isFalse();

    // The row, with the acting key recorded.
    List<Map<String, Object>> rows =
        sql.rows("SELECT c.name, c.email, c.phone, k.tenant_id FROM customers c JOIN api_keys k ON k.id = c.created_by WHERE c.id = ?", customerId);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("name", "Ada Lovelace").containsEntry("tenant_id", tenant.id());

    // Readable by id and by email (case-insensitively).
    http.get().uri("/v1/customers/{id}", customerId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.id").isEqualTo(customerId.toString());
    http.get().uri("/v1/customers?email={email}", "ADA@example.com")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(customerId.toString());

    // A plain Kafka consumer reads the event: key, CloudEvents headers, payload.
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    List<ConsumerRecord<String, byte[]>> records =
        await().atMost(Duration.ofSeconds(30)).until(
            () -> TopicReader.readAll(kafka, Topics.CUSTOMERS, r -> customerId.toString().equals(r.key())),
            found -> !found.isEmpty());
    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> record = records.get(0);
    EventEnvelope envelope = new EventCodec().decode(record.value());
    assertThat(envelope.type()).isEqualTo("CustomerRegistered");
    assertThat(envelope.tenantId()).isEqualTo(tenant.id());
    assertThat(envelope.aggregateType()).isEqualTo("Customer");
    assertThat(envelope.aggregateId()).isEqualTo(customerId);
    assertThat(envelope.payload())
        .isEqualTo(new CustomerRegistered(customerId, "Ada Lovelace", "ada@example.com", "+44 20 7946 0000"));
    assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(TopicReader.header(record, "ce_id")).isEqualTo(envelope.eventId().toString());
    assertThat(TopicReader.header(record, "ce_type")).isEqualTo("io.bookpay.CustomerRegistered");
    assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/bookpay/tenants/" + tenant.id());
    assertThat(TopicReader.header(record, "ce_subject")).isEqualTo("Customer/" + customerId);
    assertThat(TopicReader.header(record, "ce_time")).isEqualTo(envelope.occurredAt().toString());

    // The outbox row is stamped published.
    await().atMost(Duration.ofSeconds(10)).until(
        () -> sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NOT NULL", customerId) == 1);

    // The analytics consumer counted it, and the report shows it.
    LocalDate today = LocalDate.ofInstant(envelope.occurredAt(), ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(30)).until(
        () -> sql.count("SELECT coalesce(sum(count), 0) FROM analytics_daily WHERE tenant_id = ? AND event_type = 'CustomerRegistered'", tenant.id()) == 1);
    http.get().uri("/v1/reports/events?from={d}&to={d}", today, today)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isOk()
        .expectBody()
        .jsonPath("$.days[?(@.eventType == 'CustomerRegistered')].count").isEqualTo(1)
        .jsonPath("$.totals.CustomerRegistered").isEqualTo(1);
  }

  @Test
  void aDuplicateEmailIs409AndWritesNothing() {
    TestTenant tenant = newTenant();
    newCustomer(http, tenant, "Grace", "grace@example.com");

    http.post().uri("/v1/customers")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "Grace again", "email", "GRACE@example.com"))
        .exchange()
        .expectStatus().isEqualTo(409)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/duplicate");

    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND aggregate_type = 'Customer'", tenant.id())).isEqualTo(1);

    // The same email at another tenant is fine.
    newCustomer(http, newTenant(), "Grace", "grace@example.com");
  }

  @Test
  void listingPagesWithACursor() {
    TestTenant tenant = newTenant();
    for (int i = 0; i < 5; i++) {
      newCustomer(http, tenant, "Customer " + i, "c" + i + "@example.com");
    }
    Map<?, ?> first = page(tenant, null);
    assertThat((List<?>) first.get("items")).hasSize(2);
    Map<?, ?> second = page(tenant, (String) first.get("nextCursor"));
    Map<?, ?> third = page(tenant, (String) second.get("nextCursor"));
    assertThat((List<?>) third.get("items")).hasSize(1);
    assertThat(third.get("nextCursor")).isNull();
    List<Object> names = new java.util.ArrayList<>();
    for (Map<?, ?> page : List.of(first, second, third)) {
      ((List<?>) page.get("items")).forEach(item -> names.add(((Map<?, ?>) item).get("name")));
    }
    assertThat(names).containsExactly("Customer 0", "Customer 1", "Customer 2", "Customer 3", "Customer 4");
  }

  private Map<?, ?> page(TestTenant tenant, String cursor) {
    return http.get().uri(b -> b.path("/v1/customers").queryParam("limit", 2).queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor)).build())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isOk()
        .expectBody(Map.class).returnResult().getResponseBody();
  }
}
