package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.outbox.Outbox;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.tenant.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Seeds a demo clinic: its setup, then thirty days of past activity replayed in time order on the
 * {@link SeedClock} (every step at its own seeded instant, through the services and their rules),
 * then the next fourteen days' bookings as they stand today and a few open express links. One seed
 * value gives the same counts and amounts every time; ids, tokens and codes are new.
 */
@Service
public class DemoSeeder {

  /** What a run made, for the banner and the tests. */
  public record Summary(UUID tenantId, String tenantName, UUID apiKeyId, String apiKey, LocalDate from, LocalDate to, Map<String, Long> counts,
      List<String> openLinkTokens) {}

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

  private final TenantService tenants;
  private final DemoVisits visits;
  private final DemoLinks links;
  private final Outbox outbox;
  private final DemoSetup setup;
  private final DemoMoney money;
  private final Clock clock;
  private final Environment environment;

  DemoSeeder(TenantService tenants, DemoVisits visits, DemoLinks links, Outbox outbox, DemoSetup setup, DemoMoney money, Clock clock,
      Environment environment) {
    this.tenants = tenants;
    this.visits = visits;
    this.links = links;
    this.outbox = outbox;
    this.setup = setup;
    this.money = money;
    this.clock = clock;
    this.environment = environment;
  }

  /** Whether a tenant of that name exists already. */
  public boolean exists(String tenantName) {
    return Boolean.TRUE.equals(await(tenants.named(tenantName).hasElement()));
  }

  /**
   * Seeds a new tenant named {@code tenantName}. Runs on the caller's thread (it blocks) and needs
   * the application started with {@link SeedClock#install} and its web server up.
   */
  public Summary seed(long seed, String tenantName) {
    if (!(clock instanceof SeedClock seedClock)) {
      throw new IllegalStateException("The demo seeder needs the seed clock: start the application through SeedClock.install");
    }
    synchronized (DemoSeeder.class) {
      try {
        return run(seedClock, seed, tenantName);
      } finally {
        seedClock.backToNow();
      }
    }
  }

  private Summary run(SeedClock seedClock, long seed, String tenantName) {
    ZoneId zone = ZoneId.of(DemoCatalog.TIME_ZONE);
    LocalDate anchor = LocalDate.now(clock.withZone(zone));
    DemoPlan plan = new DemoPlan(seed, anchor);
    seedClock.startAt(plan.setupAt);
    links.publishCounts(); // counts of an earlier run are out; the next window starts now
    TenantService.CreatedTenant tenant = await(tenants.create(tenantName));
    Caller caller = Caller.apiKey(tenant.tenant().id(), tenant.firstKey().id(), Set.of(Scope.ALL));
    int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
    DemoRun run = new DemoRun(plan, caller, new DemoApi(port, tenant.firstKey().key()));
    long started = System.nanoTime();
    setup.run(run);
    long setupMillis = (System.nanoTime() - started) / 1_000_000;

    plan(run);
    long steps = run.timeline.run(seedClock, anchor.atStartOfDay(zone).toInstant().minus(Duration.ofMinutes(30)));
    seedClock.backToNow();
    for (DemoPlan.Visit v : plan.visits) {
      if (v.fate == DemoPlan.Fate.HELD) {
        visits.create(run, v, true);
      }
    }
    tally(run);
    log.info("Seeded demo tenant {} (seed {}): setup in {} ms, {} timeline steps in {} ms", tenantName, seed, setupMillis, steps,
        (System.nanoTime() - started) / 1_000_000 - setupMillis);
    return new Summary(tenant.tenant().id(), tenantName, tenant.firstKey().id(), tenant.firstKey().key(), anchor.minusDays(DemoPlan.PAST_DAYS),
        anchor.plusDays(DemoPlan.FUTURE_DAYS - 1), new LinkedHashMap<>(run.counts), List.copyOf(run.openLinks));
  }

  /** Rows the relay has still to publish; zero once every seeded event is on Kafka. */
  public long unpublished() {
    return await(outbox.unpublished());
  }

  private void plan(DemoRun run) {
    Timeline steps = run.timeline;
    DemoPlan plan = run.plan;
    for (DemoPlan.Visit v : plan.visits) {
      visits.schedule(run, v);
    }
    Random random = plan.random();
    int[] giftDays = {-28, -24, -20, -16, -12, -8, -5, -3};
    for (int i = 0; i < giftDays.length; i++) {
      int customer = 80 + random.nextInt(100);
      long amount = random.nextBoolean() ? 5_000 : 10_000;
      boolean card = i % 2 == 0;
      add(steps, at(plan, giftDays[i], 11, random.nextInt(60)), () -> money.sellGiftCard(run, customer, amount, card));
    }
    // Referral rewards given during the month, so the gift-card report's "issued without payment" has figures in it too.
    for (int k = 0; k < 3; k++) {
      int customer = 120 + 11 * k;
      add(steps, at(plan, -21 + 7 * k, 16, 30), () -> setup.promote(run, customer, 2_000));
    }
    for (int k = 0; k < 8; k++) {
      int customer = DemoCatalog.PACKAGE_BUYERS + k;
      int which = k < 4 ? 0 : 1;
      add(steps, at(plan, -29 + k, 10, random.nextInt(60)), () -> money.sellPackage(run, customer, which, customer % 2 == 0));
    }
    for (int k = 0; k < 12; k++) {
      int customer = DemoCatalog.MEMBERS + k;
      int tier = k % 3 == 0 ? 1 : 0;
      add(steps, at(plan, -25 + 2 * k, 12, random.nextInt(60)), () -> money.sellMembership(run, customer, tier, customer % 2 == 0));
    }
    add(steps, at(plan, -2, 15, 0), () -> money.endMembership(run, DemoCatalog.MEMBERS));
    for (int day = -DemoPlan.PAST_DAYS; day < 0; day++) {
      if (random.nextDouble() < 0.8) {
        int p = random.nextInt(DemoCatalog.PRACTITIONERS.size());
        List<Integer> offered = DemoCatalog.PRACTITIONERS.get(p).treatments();
        int treatment = offered.get(random.nextInt(offered.size()));
        int customer = random.nextInt(DemoCatalog.CUSTOMERS);
        int views = 1 + random.nextInt(4);
        boolean searched = random.nextDouble() < 0.6;
        Instant when = at(plan, day, 13, random.nextInt(240));
        add(steps, when, () -> links.unused(run, p, treatment, customer, views, searched, when));
      }
    }
    add(steps, plan.cutoff.minus(Duration.ofHours(1)), () -> links.open(run));
  }
  private static void add(Timeline steps, Instant at, Runnable action) {
    steps.add(at, action);
  }

  private static Instant at(DemoPlan plan, int day, int hour, int minute) {
    return plan.anchor.plusDays(day).atTime(LocalTime.of(hour, 0)).plusMinutes(minute).atZone(ZoneId.of(DemoCatalog.TIME_ZONE)).toInstant();
  }
  private static void tally(DemoRun run) {
    run.count("bookings", run.booked.values().stream().filter(b -> b.bookingId != null).count());
    for (DemoRun.Booked b : run.booked.values()) {
      if (b.bookingId != null) {
        run.count("bookings." + b.status);
      }
      if (b.claimId != null) {
        run.count("claims." + b.claimStatus);
      }
    }
  }
}
