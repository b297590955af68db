package io.bookpay.link;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Creates links through the API and calls their public side, as a client from a given address. */
final class LinkFixture {

  record Created(UUID id, String token) {}

  private final WebTestClient http;
  private final String apiKey;

  LinkFixture(WebTestClient http, String apiKey) {
    this.http = http;
    this.apiKey = apiKey;
  }

  Created create(Map<String, Object> body) {
    Map<?, ?> created = http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
        .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return new Created(UUID.fromString((String) created.get("id")), (String) created.get("token"));
  }

  Created create(UUID serviceId, UUID providerId, Integer maxUses) {
    Map<String, Object> body = new HashMap<>(Map.of("serviceId", serviceId,
        "customer", Map.of("name", "Texted client", "email", "texted-" + UUID.randomUUID() + "@example.com")));
    if (providerId != null) {
      body.put("providerId", providerId);
    }
    if (maxUses != null) {
      body.put("maxUses", maxUses);
    }
    return create(body);
  }

  WebTestClient.ResponseSpec view(String token, String clientIp) {
    return http.get().uri("/v1/public/links/" + token).header("X-Forwarded-For", clientIp).exchange();
  }

  WebTestClient.ResponseSpec book(String token, String start, String clientIp) {
    return http.post().uri("/v1/public/links/" + token + "/bookings").header("X-Forwarded-For", clientIp)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("start", start)).exchange();
  }

  WebTestClient.ResponseSpec revoke(UUID id) {
    return http.post().uri("/v1/links/" + id + "/revoke").header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).exchange();
  }
}
