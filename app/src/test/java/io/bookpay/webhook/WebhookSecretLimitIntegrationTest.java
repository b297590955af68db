package io.bookpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * At most two active signing secrets per provider, even when additions race: the tenant's row,
 * locked through the tenant feature's service, serialises them.
 */
class WebhookSecretLimitIntegrationTest extends IntegrationTest {

  @Test
  void concurrentAdditionsCreateTwoSecretsAndRefuseTheRest() {
    TestTenant tenant = newTenant();
    WebClient client = webClient(port);

    List<Integer> statuses = Flux.range(0, 8)
        .flatMap(i -> client.post().uri("/v1/webhooks/secrets")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .bodyValue(Map.of())
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
            .map(HttpStatusCode::value), 8)
        .collectList()
        .block(Duration.ofSeconds(30));

    assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(6);
    assertThat(sql.count("SELECT count(*) FROM webhook_secrets WHERE tenant_id = ?::uuid AND revoked_at IS NULL", tenant.id().toString()))
        .isEqualTo(2);
  }
}
