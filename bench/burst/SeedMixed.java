import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The mixed scenario's seed: a clinic's day through the API, at these ratios per 100 requests
 * ({@link #MIX}): 55 slot searches on express links (public, one day), 10 availability searches of
 * the staff (one provider, one day), 12 bookings through links (each a different free slot), 8
 * payments on bookings (CASH, the invoice's total, on a finalized invoice of a booking made by the
 * staff), 3 refunds (1,000 of a paid booking's payment), 7 claim transitions (DRAFT to SUBMITTED,
 * If-Match the claim's version), 5 staff reads of a booking. Every request that changes something acts
 * on an object of its own seeded here (or a free slot), so none meets a 409 or 422 unless the plan is
 * used up and starts again (planWrapped) or the app misbehaves: zero errors expected. Payments and
 * refunds carry an Idempotency-Key, as a client that retries safely sends them.
 * Plans {@code mixed-warmup.txt} (MIXED_WARMUP lines, default 6000) and {@code mixed.txt} (MIXED,
 * default 30000); lines "kind TAB method TAB auth (key | public) TAB path TAB If-Match (or -) TAB
 * Idempotency-Key (or -) TAB body (or -)".
 */
final class SeedMixed {

  static final Map<String, Integer> MIX = new LinkedHashMap<>();
  static {
    MIX.put("search", 55);
    MIX.put("availability", 10);
    MIX.put("booking", 12);
    MIX.put("payment", 8);
    MIX.put("refund", 3);
    MIX.put("claim", 7);
    MIX.put("read", 5);
  }

  static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
  static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

  private SeedMixed() {}

  /** @param firstSlot the first free slot after the booking plans' */
  static void seed(String base, Load.Clinic clinic, Seed.Slots free, int firstSlot, Path out) throws Exception {
    int warmup = Integer.parseInt(System.getenv().getOrDefault("MIXED_WARMUP", "6000"));
    int requests = Integer.parseInt(System.getenv().getOrDefault("MIXED", "30000"));
    long t0 = System.nanoTime();
    Random random = new Random(requests);
    List<String> warmKinds = kinds(warmup, random);
    List<String> kinds = kinds(requests, random);
    List<String> all = new ArrayList<>(warmKinds);
    all.addAll(kinds);
    String key = clinic.key();
    String customer = Load.find(Load.ID, Load.send("POST", base + "/v1/customers", key,
        "{\"name\":\"Mixed patient\",\"email\":\"mixed-patient@example.com\"}").body());
    String plan = Load.find(Load.ID, Load.send("POST", base + "/v1/insurance-plans", key,
        "{\"name\":\"Bench PPO\",\"payer\":\"Bench Health\",\"planCode\":\"BENCH\"}").body());
    Load.send("POST", base + "/v1/insurance-plans/" + plan + "/coverage-rules", key, "{\"serviceId\":\"" + clinic.service()
        + "\",\"coveragePercent\":80,\"copayAmount\":1000,\"currency\":\"USD\"}");
    Load.send("POST", base + "/v1/enrolments", key, "{\"customerId\":\"" + customer + "\",\"planId\":\"" + plan
        + "\",\"memberNumber\":\"B-1\",\"validFrom\":\"" + LocalDate.now(ZoneOffset.UTC).withDayOfYear(1) + "\"}");

    int[] slot = {firstSlot};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> payments = new ArrayList<>();
    List<Future<String>> refunds = new ArrayList<>();
    List<Future<String>> claims = new ArrayList<>();
    for (String kind : all) {
      switch (kind) {
        case "payment" -> { int k = slot[0]++; payments.add(pool.submit(() -> invoiced(base, key, clinic, free, k, customer, false))); }
        case "refund" -> { int k = slot[0]++; refunds.add(pool.submit(() -> invoiced(base, key, clinic, free, k, customer, true))); }
        case "claim" -> claims.add(pool.submit(() -> {
          String claim = Load.send("POST", base + "/v1/claims", key, "{\"customerId\":\"" + customer + "\",\"planId\":\"" + plan
              + "\",\"items\":[{\"serviceId\":\"" + clinic.service() + "\",\"amount\":4500}]}").body();
          return Load.find(Load.ID, claim) + " " + Load.find(VERSION, claim);
        }));
        default -> { }
      }
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("seeding the mixed day took over 30 minutes");
    }
    List<String> bookings = new ArrayList<>();
    for (Future<String> f : payments) {
      bookings.add(f.get().split(" ")[0]);
    }
    for (Future<String> f : refunds) {
      bookings.add(f.get().split(" ")[0]);
    }
    int[] next = {0, 0, 0};
    int linkSlot = slot[0];
    try (PrintWriter warm = new PrintWriter(Files.newBufferedWriter(out.resolve("mixed-warmup.txt")));
         PrintWriter main = new PrintWriter(Files.newBufferedWriter(out.resolve("mixed.txt")))) {
      for (int i = 0; i < all.size(); i++) {
        String kind = all.get(i);
        String line = switch (kind) {
          case "search" -> {
            Instant day = free.firstDay().plusSeconds(86_400L * random.nextInt(14));
            yield "GET\tpublic\t/v1/public/links/" + free.token(random.nextInt(free.capacity())) + "/slots?from=" + day + "&to="
                + day.plusSeconds(86_400) + "\t-\t-\t-";
          }
          case "availability" -> {
            Instant day = free.firstDay().plusSeconds(86_400L * random.nextInt(14));
            yield "GET\tkey\t/v1/availability?serviceId=" + clinic.service() + "&providerId=" + free.provider(random.nextInt(1000))
                + "&from=" + day + "&to=" + day.plusSeconds(86_400) + "\t-\t-\t-";
          }
          case "booking" -> {
            int k = linkSlot++;
            yield "POST\tpublic\t/v1/public/links/" + free.token(k) + "/bookings\t-\t-\t{\"start\":\"" + free.start(k)
                + "\",\"customer\":{\"name\":\"Mixed client " + k + "\",\"email\":\"m" + k + "@example.com\"}}";
          }
          case "payment" -> {
            String[] invoice = payments.get(next[0]++).get().split(" ");
            yield "POST\tkey\t/v1/invoices/" + invoice[1] + "/payments\t-\tpay-" + invoice[1] + "\t{\"method\":\"CASH\",\"amount\":"
                + invoice[2] + "}";
          }
          case "refund" -> {
            String[] paid = refunds.get(next[1]++).get().split(" ");
            yield "POST\tkey\t/v1/payments/" + paid[3] + "/refunds\t-\trefund-" + paid[3]
                + "\t{\"amount\":1000,\"reason\":\"goodwill\"}";
          }
          case "claim" -> {
            String[] claim = claims.get(next[2]++).get().split(" ");
            yield "POST\tkey\t/v1/claims/" + claim[0] + "/transitions\t" + claim[1] + "\t-\t{\"to\":\"SUBMITTED\"}";
          }
          default -> "GET\tkey\t/v1/bookings/" + bookings.get(random.nextInt(bookings.size())) + "\t-\t-\t-";
        };
        (i < warmKinds.size() ? warm : main).println(kind + "\t" + line);
      }
    }
    free.start(linkSlot); // fails if the plan's bookings ran past the free slots
    System.out.printf("seeded the mixed day: %d invoiced bookings, %d paid, %d claims, plans of %d + %d requests in %.1f s%n",
        payments.size() + refunds.size(), refunds.size(), claims.size(), warmup, requests, (System.nanoTime() - t0) / 1e9);
  }

  /** The kinds of n requests in a random order, each kind's count its share of {@link #MIX}. */
  private static List<String> kinds(int n, Random random) {
    List<String> kinds = new ArrayList<>(n);
    int total = MIX.values().stream().mapToInt(Integer::intValue).sum();
    MIX.forEach((kind, weight) -> {
      for (long i = 0; i < (long) n * weight / total; i++) {
        kinds.add(kind);
      }
    });
    while (kinds.size() < n) {
      kinds.add("search");
    }
    java.util.Collections.shuffle(kinds, random);
    return kinds;
  }

  /** A staff booking on free slot k, its invoice finalized and, if paid, a CASH payment: "booking invoice total [payment]". */
  private static String invoiced(String base, String key, Load.Clinic clinic, Seed.Slots free, int k, String customer, boolean paid) {
    String booking = Load.find(Load.ID, Load.send("POST", base + "/v1/bookings", key, "{\"serviceId\":\"" + clinic.service()
        + "\",\"providerId\":\"" + free.provider(k) + "\",\"customerId\":\"" + customer + "\",\"start\":\"" + free.start(k) + "\"}").body());
    String invoice = Load.find(Load.ID, Load.send("POST", base + "/v1/bookings/" + booking + "/invoice", key, null).body());
    String total = Load.find(TOTAL, Load.send("POST", base + "/v1/invoices/" + invoice + "/finalize", key, null).body());
    String result = booking + " " + invoice + " " + total;
    if (paid) {
      result += " " + Load.find(Load.ID, Load.send("POST", base + "/v1/invoices/" + invoice + "/payments", key,
          "{\"method\":\"CASH\",\"amount\":" + total + "}").body());
    }
    return result;
  }
}
