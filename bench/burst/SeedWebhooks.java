import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook scenario's seed: a Stripe signing secret for the tenant (POST /v1/webhooks/secrets),
 * WEBHOOK_PAYMENTS (default 3000) PENDING card payments on finalized invoices (the simulated gateway:
 * run.sh starts the app with {@code bookpay.payments.gateway=simulated} and its own deliveries off),
 * and two plans of signed events, WEBHOOK_WARMUP (default 6000) and WEBHOOKS (default 60000) lines:
 * 30% exact repeats of an event earlier in the same plan (Stripe delivers at least once), the others
 * new events, the plan's share of the payments as {@code payment_intent.succeeded} (one per payment)
 * spread evenly among them and the rest {@code customer.updated} (a type Bookpay stores and ignores).
 * Lines are "kind TAB path TAB Stripe-Signature TAB body", kind {@code success}, {@code ignored} or
 * {@code repeat}. Signatures carry the seed's time: run.sh widens {@code bookpay.webhooks.tolerance}
 * so that later runs of the plan are not stale (the check costs the same).
 */
final class SeedWebhooks {

  static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
  static final Pattern REFERENCE = Pattern.compile("\"gatewayReference\":\"([^\"]+)\"");

  private SeedWebhooks() {}

  static void seed(String base, String key, Path out) throws Exception {
    int payments = Integer.parseInt(System.getenv().getOrDefault("WEBHOOK_PAYMENTS", "3000"));
    int warmup = Integer.parseInt(System.getenv().getOrDefault("WEBHOOK_WARMUP", "6000"));
    int events = Integer.parseInt(System.getenv().getOrDefault("WEBHOOKS", "60000"));
    long t0 = System.nanoTime();
    String tenant = Load.find(Load.ID, Load.send("GET", base + "/v1/tenant", key, null).body());
    String secret = Load.find(SECRET, Load.send("POST", base + "/v1/webhooks/secrets", key, "{}").body());
    String customer = Load.find(Load.ID, Load.send("POST", base + "/v1/customers", key,
        "{\"name\":\"Webhook payer\",\"email\":\"webhook-payer@example.com\"}").body());
    List<String> references = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < payments; i++) {
      pool.submit(() -> {
        String invoice = Load.find(Load.ID, Load.send("POST", base + "/v1/invoices", key, "{\"customerId\":\"" + customer
            + "\",\"currency\":\"USD\",\"lineItems\":[{\"kind\":\"SERVICE\",\"description\":\"Check-up\",\"quantity\":1,\"unitAmount\":4500}]}")
            .body());
        Load.send("POST", base + "/v1/invoices/" + invoice + "/finalize", key, null);
        references.add(Load.find(REFERENCE, Load.send("POST", base + "/v1/invoices/" + invoice + "/payments", key,
            "{\"method\":\"CARD\",\"amount\":4500}").body()));
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    if (references.size() != payments) {
      throw new IllegalStateException("only " + references.size() + " of " + payments + " card payments were made");
    }
    String path = "/v1/webhooks/stripe/" + tenant;
    int warmupPayments = (int) ((long) payments * warmup / Math.max(1, warmup + events));
    write(out.resolve("webhook-warmup.txt"), path, secret, warmup, references.subList(0, warmupPayments));
    write(out.resolve("webhook.txt"), path, secret, events, references.subList(warmupPayments, payments));
    System.out.printf("seeded webhooks: secret, %d PENDING card payments, plans of %d + %d events in %.1f s%n", payments, warmup,
        events, (System.nanoTime() - t0) / 1e9);
  }

  private static void write(Path file, String path, String secret, int lines, List<String> references) throws Exception {
    Random random = new Random(lines);
    long timestamp = System.currentTimeMillis() / 1000;
    int fresh = (int) Math.round(lines * 0.7);
    int successes = Math.min(references.size(), fresh);
    List<String> sent = new ArrayList<>();
    int newEvents = 0;
    int used = 0;
    try (PrintWriter plan = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int i = 0; i < lines; i++) {
        if (!sent.isEmpty() && random.nextInt(10) < 3) {
          plan.println("repeat\t" + sent.get(random.nextInt(sent.size())));
          continue;
        }
        newEvents++;
        String kind;
        String body;
        if (used < successes && (long) newEvents * successes >= (long) (used + 1) * fresh) {
          kind = "success";
          body = event("payment_intent.succeeded", references.get(used++), timestamp);
        } else {
          kind = "ignored";
          body = event("customer.updated", "cus_" + UUID.randomUUID().toString().replace("-", ""), timestamp);
        }
        String line = path + "\t" + sign(body, secret, timestamp) + "\t" + body;
        sent.add(line);
        plan.println(kind + "\t" + line);
      }
    }
  }

  private static String event(String type, String objectId, long created) {
    return "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\",\"type\":\"" + type
        + "\",\"created\":" + created + ",\"livemode\":false,\"data\":{\"object\":{\"id\":\"" + objectId
        + "\",\"object\":\"payment_intent\",\"amount\":4500,\"currency\":\"usd\",\"status\":\"succeeded\"}}}";
  }

  private static String sign(String payload, String secret, long timestamp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
  }
}
