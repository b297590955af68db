package io.bookpay.demo;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The few seeding steps taken through the application's own HTTP API (the tenant profile,
 * insurance plans, enrolments and claims), whose services are the controllers' alone. Same rules,
 * same events; the demo tenant's key signs each call.
 */
final class DemoApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final WebClient client;

  DemoApi(int port, String apiKey) {
    this.client = WebClient.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
        .build();
  }

  Map<String, Object> post(String path, Object body) {
    return send("POST", path, body, null);
  }

  /** A POST guarded by the resource's version (If-Match), as claim transitions require. */
  Map<String, Object> post(String path, Object body, long version) {
    return send("POST", path, body, version);
  }

  Map<String, Object> patch(String path, Object body) {
    return send("PATCH", path, body, null);
  }

  private Map<String, Object> send(String method, String path, Object body, Long version) {
    return client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(h -> {
          if (version != null) {
            h.setIfMatch("\"" + version + "\"");
          }
        })
        .bodyValue(body)
        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
            .<Map<String, Object>>handle((text, sink) -> {
              if (response.statusCode().is2xxSuccessful()) {
                sink.next(parse(text));
              } else {
                sink.error(new IllegalStateException(method + " " + path + " answered " + response.statusCode().value() + ": " + text));
              }
            }))
        .block(TIMEOUT);
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) {
    return text.isBlank() ? Map.of() : JSON.readValue(text, Map.class);
  }
}
