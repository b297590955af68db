import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the bookings path, with no dependencies (java BookingLoad.java ...). Sets up a tenant
 * with one location, one 60-minute service (15-minute grid) and N providers working 08:00-20:00
 * every day, then runs C clients that each, in a loop, ask availability for a random provider and
 * day and book a random free slot of the answer. Prints throughput, latency percentiles and
 * statuses for both requests.
 *
 * usage: java BookingLoad.java BASE_URL ADMIN_TOKEN PROVIDERS BOOKINGS CONCURRENCY
 */
public class BookingLoad {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final Pattern KEY = Pattern.compile("\"apiKey\":\"([^\"]+)\"");
  static final Pattern SLOT = Pattern.compile("\\{\"start\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String adminToken = args[1];
    int providers = Integer.parseInt(args[2]);
    int bookings = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);

    String tenant = send("POST", base + "/v1/admin/tenants", adminToken, "{\"name\":\"Bench clinic\"}").body();
    String key = find(KEY, tenant);
    String location = find(ID, send("POST", base + "/v1/locations", key, "{\"name\":\"Main\",\"timeZone\":\"UTC\"}").body());
    String service = find(ID, send("POST", base + "/v1/services", key,
        "{\"name\":\"Consultation\",\"durationMinutes\":60,\"priceAmount\":9000,\"currency\":\"EUR\",\"slotIntervalMinutes\":15}").body());
    StringBuilder hours = new StringBuilder("{\"hours\":[");
    for (int d = 1; d <= 7; d++) {
      hours.append(d > 1 ? "," : "").append("{\"locationId\":\"").append(location).append("\",\"weekday\":").append(d)
          .append(",\"start\":\"08:00\",\"end\":\"20:00\"}");
    }
    hours.append("]}");
    List<String> providerIds = Collections.synchronizedList(new ArrayList<>());
    long setupStart = System.nanoTime();
    ExecutorService setup = Executors.newFixedThreadPool(16);
    for (int i = 0; i < providers; i++) {
      int n = i;
      setup.submit(() -> {
        String id = find(ID, send("POST", base + "/v1/providers", key, "{\"name\":\"Provider " + n + "\",\"locationIds\":[\""
            + location + "\"],\"serviceIds\":[\"" + service + "\"]}").body());
        send("PUT", base + "/v1/providers/" + id + "/working-hours", key, hours.toString());
        providerIds.add(id);
        return null;
      });
    }
    setup.shutdown();
    setup.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("setup: %d providers in %.1f s%n", providerIds.size(), (System.nanoTime() - setupStart) / 1e9);

    Stats availability = new Stats();
    Stats booking = new Stats();
    AtomicInteger remaining = new AtomicInteger(bookings);
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2);
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      clients.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (remaining.getAndDecrement() > 0) {
          String provider = providerIds.get(random.nextInt(providerIds.size()));
          LocalDate day = firstDay.plusDays(random.nextInt(28));
          String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
          String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
          HttpResponse<String> slots = availability.time(() -> send("GET",
              base + "/v1/availability?serviceId=" + service + "&providerId=" + provider + "&from=" + from + "&to=" + to, key, null));
          List<String> starts = new ArrayList<>();
          Matcher m = SLOT.matcher(slots.body());
          while (m.find()) {
            starts.add(m.group(1));
          }
          if (starts.isEmpty()) {
            continue;
          }
          String slot = starts.get(random.nextInt(starts.size()));
          booking.time(() -> send("POST", base + "/v1/bookings", key, "{\"serviceId\":\"" + service + "\",\"providerId\":\"" + provider
              + "\",\"start\":\"" + slot + "\",\"customer\":{\"name\":\"Client\",\"email\":\"c" + random.nextLong(Long.MAX_VALUE)
              + "@example.com\"}}"));
        }
        return null;
      });
    }
    clients.shutdown();
    clients.awaitTermination(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("run: %d clients, %.1f s%n", concurrency, seconds);
    availability.print("GET  /v1/availability", seconds);
    booking.print("POST /v1/bookings", seconds);
  }

  static HttpResponse<String> send(String method, String url, String token, String body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token);
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

  /** Latencies and statuses of one kind of request. */
  static final class Stats {
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    HttpResponse<String> time(java.util.function.Supplier<HttpResponse<String>> call) {
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
