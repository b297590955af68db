package io.bookpay.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The local run's demo booking link, made through the API as a tenant would: a location, a service
 * and a provider with working hours every day (made once, found by name on later runs), and a new
 * link each run, whose page URL the banner prints.
 */
final class DemoLink {

  private static final String SERVICE = "Demo consultation";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DemoLink() {}

  /** The URL of a fresh link's booking page. */
  static String create(String base, String apiKey) {
    WebClient api = WebClient.builder().baseUrl(base).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).build();
    String serviceId = existingService(api);
    if (serviceId == null) {
      String location = id(post(api, "/v1/locations", Map.of("name", "Demo Clinic, Main Street", "timeZone", "UTC",
          "address", "1 Main Street\nDemo Town")));
      serviceId = id(post(api, "/v1/services", Map.of("name", SERVICE, "durationMinutes", 30, "priceAmount", 6_000,
          "currency", "EUR", "slotIntervalMinutes", 30)));
      String provider = id(post(api, "/v1/providers", Map.of("name", "Dr Demo", "locationIds", List.of(location),
          "serviceIds", List.of(serviceId))));
      List<Map<String, Object>> hours = new ArrayList<>();
      for (int day = 1; day <= 7; day++) {
        hours.add(Map.of("locationId", location, "weekday", day, "start", "09:00", "end", "17:00"));
      }
      api.put().uri("/v1/providers/" + provider + "/working-hours").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("hours", hours)).retrieve().toBodilessEntity().block(TIMEOUT);
    }
    Map<?, ?> link = post(api, "/v1/links", Map.of("serviceId", serviceId,
        "customer", Map.of("name", "Ada Lovelace", "email", "ada@example.com")));
    return (String) link.get("url");
  }

  private static String existingService(WebClient api) {
    Map<?, ?> page = api.get().uri("/v1/services?limit=200").retrieve().bodyToMono(Map.class).block(TIMEOUT);
    return ((List<?>) page.get("items")).stream().map(Map.class::cast)
        .filter(s -> SERVICE.equals(s.get("name")) && Boolean.TRUE.equals(s.get("active")))
        .map(s -> (String) s.get("id")).findFirst().orElse(null);
  }

  private static Map<?, ?> post(WebClient api, String path, Object body) {
    return api.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().bodyToMono(Map.class).block(TIMEOUT);
  }

  private static String id(Map<?, ?> created) {
    return (String) created.get("id");
  }
}
