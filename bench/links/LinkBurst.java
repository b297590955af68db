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
 * A campaign burst on express links. Sets up a tenant with one UTC location, a 30-minute service
 * and P providers (08:00-20:00 daily), then texts L single-use links (each to one provider, with a
 * prefilled client). C concurrent clients then each take a link: open it, search one random day
 * of the next two weeks, book a random free slot (searching again after a 409, at most three
 * tries). Every client comes from its own address (X-Forwarded-For from a trusted loopback).
 *
 * usage: java -cp bench/results/classes LinkBurst BASE_URL ADMIN_TOKEN LINKS PROVIDERS CONCURRENCY
 */
public class LinkBurst {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String adminToken = args[1];
    int linkCount = Integer.parseInt(args[2]);
    int providerCount = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);

    long setupStart = System.nanoTime();
    Load.Clinic clinic = Load.clinic(base, adminToken, "Burst clinic",
        "{\"name\":\"Check-up\",\"durationMinutes\":30,\"priceAmount\":4500,\"currency\":\"USD\"}", providerCount);
    String key = clinic.key();
    String service = clinic.service();
    List<String> providers = clinic.providers();
    List<String> tokens = Collections.synchronizedList(new ArrayList<>());
    ExecutorService texting = Executors.newFixedThreadPool(16);
    for (int i = 0; i < linkCount; i++) {
      int n = i;
      texting.submit(() -> {
        String body = Load.send("POST", base + "/v1/links", key, "{\"serviceId\":\"" + service + "\",\"providerId\":\""
            + providers.get(n % providers.size()) + "\",\"maxUses\":1,\"customer\":{\"name\":\"Client " + n
            + "\",\"email\":\"client" + n + "@example.com\"}}").body();
        tokens.add(Load.find(java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\""), body));
        return null;
      });
    }
    texting.shutdown();
    texting.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("setup: %d providers, %d links in %.1f s%n", providers.size(), tokens.size(), (System.nanoTime() - setupStart) / 1e9);

    Load.Stats views = new Load.Stats();
    Load.Stats searches = new Load.Stats();
    Load.Stats bookings = new Load.Stats();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger booked = new AtomicInteger();
    AtomicInteger gaveUp = new AtomicInteger();
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2);
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      clients.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = next.getAndIncrement(); i < tokens.size(); i = next.getAndIncrement()) {
          String link = base + "/v1/public/links/" + tokens.get(i);
          String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
          views.time(() -> Load.send("GET", link, null, null, "X-Forwarded-For", ip));
          LocalDate day = firstDay.plusDays(random.nextInt(14));
          String window = "?from=" + day.atStartOfDay(ZoneOffset.UTC).toInstant() + "&to=" + day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
          boolean done = false;
          for (int attempt = 0; attempt < 3 && !done; attempt++) {
            HttpResponse<String> slots = searches.time(() -> Load.send("GET", link + "/slots" + window, null, null, "X-Forwarded-For", ip));
            List<String> starts = Load.all(Load.SLOT, slots.body());
            if (starts.isEmpty()) {
              break;
            }
            String slot = starts.get(random.nextInt(starts.size()));
            int status = bookings.time(() -> Load.send("POST", link + "/bookings", null, "{\"start\":\"" + slot + "\"}",
                "X-Forwarded-For", ip)).statusCode();
            done = status == 201;
          }
          (done ? booked : gaveUp).incrementAndGet();
        }
        return null;
      });
    }
    clients.shutdown();
    clients.awaitTermination(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("run: %d clients, %.1f s, %d links booked (%.0f/s), %d gave up%n", concurrency, seconds, booked.get(),
        booked.get() / seconds, gaveUp.get());
    views.print("GET  /v1/public/links/{token}      ", seconds);
    searches.print("GET  /v1/public/links/{token}/slots", seconds);
    bookings.print("POST /v1/public/links/{token}/bookings", seconds);
  }
}
