import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

    long setupStart = System.nanoTime();
    Load.Clinic clinic = Load.clinic(base, adminToken, "Bench clinic",
        "{\"name\":\"Consultation\",\"durationMinutes\":60,\"priceAmount\":9000,\"currency\":\"EUR\",\"slotIntervalMinutes\":15}",
        providers);
    String key = clinic.key();
    String service = clinic.service();
    List<String> providerIds = clinic.providers();
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
