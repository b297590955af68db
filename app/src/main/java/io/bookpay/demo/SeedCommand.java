package io.bookpay.demo;

import io.bookpay.BookpayApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar bookpay-app.jar seed --demo [--seed=N] [--tenant-name=NAME] [--bookpay.*=...]}:
 * starts the application against the configured database and Kafka (migrating it like any start),
 * seeds a demo clinic, waits until the outbox has published every event, prints what it made and
 * exits 0 (3 when events are still unpublished after a minute: seeded, but Kafka was not reached).
 * A tenant of that name already there is left alone: the command says so and exits 2 (seed another
 * name with {@code --tenant-name}). It serves its own API on a free port for its own calls only,
 * consumes nothing (the running application's consumers fill the projections), and plays the card
 * processor itself (simulated gateway) so no real card is ever charged.
 */
public final class SeedCommand {

  /** The seed process ran its steps; its exit status. */
  public static final int DONE = 0;
  public static final int USAGE = 64;
  public static final int EXISTS = 2;
  /** Seeded and committed, but the outbox still held events at the deadline (Kafka away): a running Bookpay publishes them. */
  public static final int NOT_DRAINED = 3;

  private static final Duration DRAIN = Duration.ofSeconds(60);

  /** The kinds a banner lists first, in this order; others follow by name. */
  private static final List<String> KINDS = List.of("locations", "providers", "services", "customers", "bookings", "links", "invoices",
      "payments", "refunds", "giftCards", "packages", "memberships", "claims");

  private SeedCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    return run(args, UnaryOperator.identity());
  }

  /** As {@link #run(String[])}, with the application builder changed first (a test isolates its event loops). */
  static int run(String[] args, UnaryOperator<SpringApplicationBuilder> customise) {
    long seed = 1;
    String name = DemoCatalog.TENANT_NAME;
    boolean demo = false;
    List<String> spring = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("seed")) {
        continue;
      }
      if (arg.equals("--demo")) {
        demo = true;
      } else if (arg.startsWith("--seed=")) {
        try {
          seed = Long.parseLong(arg.substring("--seed=".length()));
        } catch (NumberFormatException e) {
          System.err.println("--seed must be a whole number, e.g. --seed=7");
          return USAGE;
        }
      } else if (arg.startsWith("--tenant-name=")) {
        name = arg.substring("--tenant-name=".length()).strip();
      } else {
        spring.add(arg);
      }
    }
    if (!demo || name.isEmpty()) {
      System.err.println("usage: java -jar bookpay-app.jar seed --demo [--seed=N] [--tenant-name=NAME] [--bookpay.db.url=...]");
      return USAGE;
    }
    // Last, so nothing given overrides them: a free port for its own calls, no consumer group joined, no real card charged.
    spring.addAll(List.of("--server.port=0", "--bookpay.kafka.consumers-enabled=false",
        "--bookpay.payments.gateway=simulated", "--bookpay.webhooks.simulator.deliver=false", "--spring.main.banner-mode=off",
        // Link views and slot searches are published by the seeder's own flushes only, at the instants it seeded them.
        "--bookpay.links.view-flush-interval=1h"));
    try (ConfigurableApplicationContext context = customise.apply(SeedClock.install(new SpringApplicationBuilder(BookpayApplication.class)
        // Named, not guessed from the stack (it would be this class): with spring.aot.enabled the
        // generated initializer is found by the main class's name.
        .main(BookpayApplication.class).web(WebApplicationType.REACTIVE))).run(spring.toArray(String[]::new))) {
      DemoSeeder seeder = context.getBean(DemoSeeder.class);
      if (seeder.exists(name)) {
        System.err.println("A tenant named \"" + name + "\" exists already; nothing was seeded. Seed another one with"
            + " --tenant-name=\"" + name + " 2\", or use a fresh database.");
        return EXISTS;
      }
      DemoSeeder.Summary summary = seeder.seed(seed, name);
      boolean drained = drained(seeder);
      System.out.println(describe(summary, seed));
      if (!drained) {
        System.err.println("Seeded, but the outbox still holds " + seeder.unpublished() + " unpublished events after " + DRAIN
            + " (is Kafka reachable?); a running Bookpay publishes them.");
        return NOT_DRAINED;
      }
      return DONE;
    }
  }

  /** Waits, with a deadline, until the relay has published every seeded event. */
  static boolean drained(DemoSeeder seeder) {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (seeder.unpublished() == 0) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** What the run made, one line per kind, then the tenant's API key (shown once). */
  public static String describe(DemoSeeder.Summary summary, long seed) {
    return "Demo tenant \"" + summary.tenantName() + "\" (" + summary.tenantId() + "), seed " + seed + ", activity from "
        + summary.from() + " to " + summary.to() + ":\n" + created(summary) + "API key (shown once): " + summary.apiKey() + '\n';
  }

  /**
   * What the run made, one line per kind: its total, then its parts, e.g.
   * {@code bookings: 452 (COMPLETED 250, CANCELLED 31, rescheduled 12)} or {@code links: open 4, booked 61}.
   */
  public static String created(DemoSeeder.Summary summary) {
    Map<String, Map<String, Long>> kinds = new TreeMap<>(Comparator.comparingInt((String kind) -> KINDS.contains(kind)
        ? KINDS.indexOf(kind) : KINDS.size()).thenComparing(Comparator.naturalOrder()));
    summary.counts().forEach((key, n) -> {
      int dot = key.indexOf('.');
      kinds.computeIfAbsent(dot < 0 ? key : key.substring(0, dot), k -> new LinkedHashMap<>()).put(dot < 0 ? "" : key.substring(dot + 1), n);
    });
    StringBuilder text = new StringBuilder();
    kinds.forEach((kind, parts) -> {
      Long total = parts.remove("");
      StringJoiner partsText = new StringJoiner(", ");
      parts.forEach((part, n) -> partsText.add(part + " " + n));
      text.append("  ").append(kind).append(": ");
      if (total == null) {
        text.append(partsText);
      } else {
        text.append(total).append(parts.isEmpty() ? "" : " (" + partsText + ")");
      }
      text.append('\n');
    });
    return text.toString();
  }
}
