import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the load clients share: plain JDK HTTP, a regex to pick fields, latency statistics. */
final class Load {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final Pattern API_KEY = Pattern.compile("\"apiKey\":\"([^\"]+)\"");
  static final Pattern SLOT = Pattern.compile("\\{\"start\":\"([^\"]+)\"");

  private Load() {}

  /** A request; {@code headers} alternate name, value. */
  static HttpResponse<String> send(String method, String url, String token, String body, String... headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      if (body != null) {
        request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + url + ": " + e, e);
    }
  }

  static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + text);
    }
    return m.group(1);
  }

  static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** A tenant set up for a scenario: its API key, one UTC location, one service, its providers. */
  record Clinic(String key, String location, String service, List<String> providers) {}

  /** Creates the tenant, location, service and providers working 08:00-20:00 every day. */
  static Clinic clinic(String base, String adminToken, String name, String serviceJson, int providerCount) throws InterruptedException {
    String key = find(API_KEY, send("POST", base + "/v1/admin/tenants", adminToken, "{\"name\":\"" + name + "\"}").body());
    String location = find(ID, send("POST", base + "/v1/locations", key, "{\"name\":\"Main\",\"timeZone\":\"UTC\"}").body());
    String service = find(ID, send("POST", base + "/v1/services", key, serviceJson).body());
    StringBuilder hours = new StringBuilder("{\"hours\":[");
    for (int d = 1; d <= 7; d++) {
      hours.append(d > 1 ? "," : "").append("{\"locationId\":\"").append(location).append("\",\"weekday\":").append(d)
          .append(",\"start\":\"08:00\",\"end\":\"20:00\"}");
    }
    hours.append("]}");
    List<String> providers = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    for (int i = 0; i < providerCount; i++) {
      int n = i;
      pool.submit(() -> {
        String id = find(ID, send("POST", base + "/v1/providers", key, "{\"name\":\"Provider " + n + "\",\"locationIds\":[\""
            + location + "\"],\"serviceIds\":[\"" + service + "\"]}").body());
        send("PUT", base + "/v1/providers/" + id + "/working-hours", key, hours.toString());
        providers.add(id);
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    return new Clinic(key, location, service, providers);
  }

  /** Latencies and statuses of one kind of request. */
  static final class Stats {
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    HttpResponse<String> time(Supplier<HttpResponse<String>> call) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = call.get();
      micros.add((System.nanoTime() - t0) / 1_000);
      statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
      return response;
    }

    void print(String name, double seconds) {
      List<Long> sorted = new ArrayList<>(micros);
      Collections.sort(sorted);
      System.out.printf("%s: %d requests, %.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s%n",
          name, sorted.size(), sorted.size() / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
          sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0, statuses);
    }

    static double pct(List<Long> sorted, int p) {
      return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
  }
}
