import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A burst of signed Stripe webhooks at a fixed rate (open loop: requests leave on schedule whatever
 * the answers do): payment_intent.succeeded for PENDING card payments, events of types Bookpay
 * ignores, and exact repeats of events already sent (Stripe's at-least-once delivery). Then it waits
 * until every stored event is processed and checks that none was lost or applied twice.
 *
 * <p>Usage: WebhookBurst baseUrl adminToken payments rate seconds
 */
public final class WebhookBurst {

  private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
  private static final Pattern REFERENCE = Pattern.compile("\"gatewayReference\":\"([^\"]+)\"");
  private static final Pattern TENANT = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String admin = args[1];
    int payments = Integer.parseInt(args[2]);
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);

    String created = Load.send("POST", base + "/v1/admin/tenants", admin, "{\"name\":\"Webhook bench\"}").body();
    String tenant = Load.find(TENANT, created);
    String key = Load.find(Load.API_KEY, created);
    String secret = Load.find(SECRET, Load.send("POST", base + "/v1/webhooks/secrets", key, "{}").body());
    String customer = Load.find(Load.ID, Load.send("POST", base + "/v1/customers", key,
        "{\"name\":\"Bench payer\",\"email\":\"bench@example.com\"}").body());

    long setupStart = System.nanoTime();
    List<String> references = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(32);
    for (int i = 0; i < payments; i++) {
      pool.submit(() -> {
        String invoice = Load.find(Load.ID, Load.send("POST", base + "/v1/invoices", key, "{\"customerId\":\"" + customer
            + "\",\"currency\":\"USD\",\"lineItems\":[{\"kind\":\"SERVICE\",\"description\":\"Laser\",\"quantity\":1,\"unitAmount\":9000}]}").body());
        Load.send("POST", base + "/v1/invoices/" + invoice + "/finalize", key, null);
        references.add(Load.find(REFERENCE, Load.send("POST", base + "/v1/invoices/" + invoice + "/payments", key,
            "{\"method\":\"CARD\",\"amount\":9000}").body()));
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    System.out.printf("setup: %d PENDING card payments in %.0f s%n", references.size(), (System.nanoTime() - setupStart) / 1e9);

    // The schedule: 30 % repeats of an event sent earlier, the rest new events; one success per payment among them.
    int total = rate * seconds;
    List<String> sent = new ArrayList<>();
    List<String> schedule = new ArrayList<>(total);
    int nextPayment = 0;
    int distinct = 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < total; i++) {
      if (!sent.isEmpty() && random.nextInt(10) < 3) {
        schedule.add(sent.get(random.nextInt(sent.size())));
        continue;
      }
      String event;
      if (nextPayment < references.size() && random.nextBoolean()) {
        event = event("payment_intent.succeeded", references.get(nextPayment++));
      } else {
        event = event("customer.updated", "cus_" + UUID.randomUUID().toString().replace("-", ""));
      }
      distinct++;
      sent.add(event);
      schedule.add(event);
    }
    System.out.printf("burst: %d webhooks at %d/s for %d s: %d distinct events (%d payment successes), %d repeats%n",
        total, rate, seconds, distinct, nextPayment, total - distinct);

    URI endpoint = URI.create(base + "/v1/webhooks/stripe/" + tenant);
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder errors = new LongAdder();
    List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String payload = schedule.get(i);
      long timestamp = System.currentTimeMillis() / 1000;
      HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Stripe-Signature", sign(payload, secret, timestamp))
          .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
      long t0 = System.nanoTime();
      inFlight.add(Load.HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        micros.add((System.nanoTime() - t0) / 1_000);
        if (error != null) {
          errors.increment();
        } else {
          statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
        }
      }));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    System.out.printf("webhooks: %d sent in %.1f s (%.0f/s), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s,"
            + " transport errors %d%n", sorted.size(), elapsed, sorted.size() / elapsed, Load.Stats.pct(sorted, 50),
        Load.Stats.pct(sorted, 95), Load.Stats.pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0, statuses, errors.sum());

    // Everything stored must be processed: wait for the inbox to drain.
    long drainStart = System.nanoTime();
    Pattern items = Pattern.compile("\"id\":\"");
    while (true) {
      String pending = Load.send("GET", base + "/v1/webhooks/events?status=PENDING&limit=1", key, null).body();
      if (!items.matcher(pending).find()) {
        break;
      }
      if (System.nanoTime() - drainStart > TimeUnit.MINUTES.toNanos(10)) {
        throw new IllegalStateException("the inbox did not drain in 10 minutes");
      }
      Thread.sleep(200);
    }
    System.out.printf("processing: inbox drained %.1f s after the last webhook was sent (%.1f s after the first)%n",
        (System.nanoTime() - drainStart) / 1e9, (System.nanoTime() - start) / 1e9);
    System.out.println("tenant=" + tenant + " distinct=" + distinct + " successes=" + nextPayment);
  }

  private static String event(String type, String objectId) {
    return "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\",\"type\":\"" + type
        + "\",\"created\":" + System.currentTimeMillis() / 1000 + ",\"livemode\":false,\"data\":{\"object\":{\"id\":\"" + objectId
        + "\",\"object\":\"payment_intent\",\"amount\":9000,\"currency\":\"usd\",\"status\":\"succeeded\"}}}";
  }

  private static String sign(String payload, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
