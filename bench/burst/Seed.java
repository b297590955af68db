import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Seeds the burst scenarios through the API and writes the plans wrk's scripts read. One tenant,
 * one UTC location, a 30-minute service, P providers working 08:00-20:00 every day, L express links
 * (link i for provider i mod P, no use limit, so a link serves several clients' bookings as a
 * campaign's links would serve one each). Plans, one request a line:
 * <ul>
 *   <li>{@code booking-warmup.txt}, {@code booking.txt}: "token start": every line a different free
 *   (provider, slot), consecutive lines on different providers, so no request ever meets a 409
 *   unless the app double-books or misroutes;</li>
 *   <li>{@code slots.txt}: "token from to": one random day of the next two weeks on a random link;</li>
 *   <li>{@code webhook-warmup.txt}, {@code webhook.txt}: signed Stripe events ({@link SeedWebhooks});</li>
 *   <li>{@code mixed-warmup.txt}, {@code mixed.txt}: a clinic's day of API requests ({@link SeedMixed}), its
 *   bookings on the free slots after the booking plans'.</li>
 * </ul>
 * The webhook and mixed plans are written only when SCENARIOS names them; their sizes come from the
 * environment (see those classes). The tenant's API key goes to {@code api-key.txt} (the mixed plan's
 * staff requests).
 *
 * usage: java -cp CLASSES Seed BASE_URL ADMIN_TOKEN OUT_DIR PROVIDERS LINKS WARMUP_BOOKINGS BOOKINGS [SCENARIOS]
 */
public class Seed {

  static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  static final int SLOTS_PER_DAY = 24; // 08:00-20:00, every 30 minutes

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String adminToken = args[1];
    Path out = Path.of(args[2]);
    int providerCount = Integer.parseInt(args[3]);
    int linkCount = Integer.parseInt(args[4]);
    int warmup = Integer.parseInt(args[5]);
    int bookings = Integer.parseInt(args[6]);
    List<String> scenarios = List.of((args.length > 7 ? args[7] : "booking slots webhook mixed").split("\\s+"));
    long t0 = System.nanoTime();
    Load.Clinic clinic = Load.clinic(base, adminToken, "Burst clinic",
        "{\"name\":\"Check-up\",\"durationMinutes\":30,\"priceAmount\":4500,\"currency\":\"USD\"}", providerCount);
    List<String> providers = new ArrayList<>(clinic.providers());
    providers.sort(null);
    String[] tokens = new String[linkCount];
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < linkCount; i++) {
      int n = i;
      pool.submit(() -> {
        String body = Load.send("POST", base + "/v1/links", clinic.key(), "{\"serviceId\":\"" + clinic.service()
            + "\",\"providerId\":\"" + providers.get(n % providerCount) + "\"}").body();
        tokens[n] = Load.find(TOKEN, body);
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    // One customer for pgbench's minimal booking transaction (bookings.customer_id is a reference).
    Load.send("POST", base + "/v1/customers", clinic.key(), "{\"name\":\"Bench customer\",\"email\":\"pgbench@example.com\"}");

    Files.writeString(out.resolve("api-key.txt"), clinic.key());
    Instant firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    Slots free = new Slots(tokens, providers, firstDay);
    try (PrintWriter warm = new PrintWriter(Files.newBufferedWriter(out.resolve("booking-warmup.txt")));
         PrintWriter main = new PrintWriter(Files.newBufferedWriter(out.resolve("booking.txt")))) {
      for (int k = 0; k < warmup + bookings; k++) {
        (k < warmup ? warm : main).println(free.token(k) + " " + free.start(k));
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (PrintWriter slots = new PrintWriter(Files.newBufferedWriter(out.resolve("slots.txt")))) {
      for (int k = 0; k < 200_000; k++) {
        Instant day = firstDay.plusSeconds(86_400L * random.nextInt(14));
        slots.println(tokens[random.nextInt(linkCount)] + " " + day + " " + day.plusSeconds(86_400));
      }
    }
    if (scenarios.contains("webhook")) {
      SeedWebhooks.seed(base, clinic.key(), out);
    }
    if (scenarios.contains("mixed")) {
      SeedMixed.seed(base, clinic, free, warmup + bookings, out);
    }
    System.out.printf("seeded %d providers, %d links, plans of %d + %d bookings in %.1f s%n", providerCount, linkCount, warmup,
        bookings, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The free slots, numbered: slot k is provider k mod P's (k / P)-th half hour from the day after
   * tomorrow, 08:00-20:00 UTC, through one of that provider's links; consecutive k are on different
   * providers. Days 2..81, inside the default 90 days' advance.
   */
  record Slots(String[] tokens, List<String> providers, Instant firstDay) {

    int capacity() {
      return providers.size() * SLOTS_PER_DAY * 80;
    }

    String token(int k) {
      check(k);
      int p = k % providers.size();
      int s = k / providers.size();
      return tokens[p + providers.size() * (s % (tokens.length / providers.size()))];
    }

    String provider(int k) {
      return providers.get(k % providers.size());
    }

    Instant start(int k) {
      check(k);
      int s = k / providers.size();
      return firstDay.plusSeconds(86_400L * (s / SLOTS_PER_DAY) + 8 * 3600 + 1800L * (s % SLOTS_PER_DAY));
    }

    private void check(int k) {
      if (k >= capacity()) {
        throw new IllegalArgumentException("at most " + capacity() + " bookings fit");
      }
    }
  }
}
