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
