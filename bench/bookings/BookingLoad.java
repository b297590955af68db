import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the bookings path, plain JDK (compiled with bench/common by run.sh). Sets up a tenant
 * with one location, one 60-minute service (15-minute grid) and N providers working 08:00-20:00
 * every day, then runs C clients that each, in a loop, ask availability for a random provider and
 * day and book a random free slot of the answer. Prints throughput, latency percentiles and
 * statuses for both requests.
 *
 * usage: java -cp bench/results/classes BookingLoad BASE_URL ADMIN_TOKEN PROVIDERS BOOKINGS CONCURRENCY
 */
public class BookingLoad {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String adminToken = args[1];
    int providers = Integer.parseInt(args[2]);
    int bookings = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);

    String tenant = Load.send("POST", base + "/v1/admin/tenants", adminToken, "{\"name\":\"Bench clinic\"}").body();
    String key = Load.find(Load.API_KEY, tenant);
    String location = Load.find(Load.ID, Load.send("POST", base + "/v1/locations", key, "{\"name\":\"Main\",\"timeZone\":\"UTC\"}").body());
    String service = Load.find(Load.ID, Load.send("POST", base + "/v1/services", key,
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
        String id = Load.find(Load.ID, Load.send("POST", base + "/v1/providers", key, "{\"name\":\"Provider " + n + "\",\"locationIds\":[\""
            + location + "\"],\"serviceIds\":[\"" + service + "\"]}").body());
        Load.send("PUT", base + "/v1/providers/" + id + "/working-hours", key, hours.toString());
        providerIds.add(id);
        return null;
      });
    }
    setup.shutdown();
    setup.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("setup: %d providers in %.1f s%n", providerIds.size(), (System.nanoTime() - setupStart) / 1e9);

    Load.Stats availability = new Load.Stats();
    Load.Stats booking = new Load.Stats();
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
          HttpResponse<String> slots = availability.time(() -> Load.send("GET",
              base + "/v1/availability?serviceId=" + service + "&providerId=" + provider + "&from=" + from + "&to=" + to, key, null));
          List<String> starts = Load.all(Load.SLOT, slots.body());
          if (starts.isEmpty()) {
            continue;
          }
          String slot = starts.get(random.nextInt(starts.size()));
          booking.time(() -> Load.send("POST", base + "/v1/bookings", key, "{\"serviceId\":\"" + service + "\",\"providerId\":\"" + provider
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
}
