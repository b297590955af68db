package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.BookingStatus;
import io.bookpay.booking.NewBooking;
import io.bookpay.link.CreatedLink;
import io.bookpay.link.LinkService;
import io.bookpay.link.NewLink;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
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
  private final BookingService bookings;
  private final LinkService links;
  private final Outbox outbox;
  private final DemoSetup setup;
  private final DemoMoney money;
  private final Clock clock;
  private final Environment environment;

  DemoSeeder(TenantService tenants, BookingService bookings, LinkService links, Outbox outbox, DemoSetup setup, DemoMoney money, Clock clock,
      Environment environment) {
    this.tenants = tenants;
    this.bookings = bookings;
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
    await(links.publishCounts()); // counts of an earlier run are out; the next window starts now
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
        create(run, v, true);
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
      visit(run, v, steps);
    }
    Random random = plan.random();
    int[] giftDays = {-28, -24, -20, -16, -12, -8, -5, -3};
    for (int i = 0; i < giftDays.length; i++) {
      int customer = 80 + random.nextInt(100);
      long amount = random.nextBoolean() ? 5_000 : 10_000;
      boolean card = i % 2 == 0;
      add(steps, at(plan, giftDays[i], 11, random.nextInt(60)), () -> money.sellGiftCard(run, customer, amount, card));
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
        add(steps, when, () -> abandonedLink(run, p, treatment, customer, views, searched, when));
      }
    }
    add(steps, plan.cutoff.minus(Duration.ofHours(1)), () -> openLinks(run));
  }

  private void visit(DemoRun run, DemoPlan.Visit v, Timeline steps) {
    if (v.movedFrom != null) {
      Instant until = v.movedFrom.isBefore(run.plan.cutoff) ? v.movedFrom : run.plan.cutoff;
      add(steps, v.createdAt.plus(Duration.between(v.createdAt, until).dividedBy(3)), () -> {
        await(bookings.reschedule(run.caller, run.of(v).bookingId, v.start, null));
        run.count("bookings.rescheduled");
      });
    }
    switch (v.fate) {
      case HELD -> { } // made after the clock is back at the real time, so they are held right now
      case EXPIRED -> add(steps, v.createdAt, () -> create(run, v, true)); // its expiry is added once the hold is made
      case CANCELLED -> {
        add(steps, v.createdAt, () -> create(run, v, false));
        Instant until = v.start.isBefore(run.plan.cutoff) ? v.start : run.plan.cutoff;
        add(steps, v.createdAt.plus(Duration.between(v.createdAt, until).dividedBy(2)),
            () -> move(run, v, BookingStatus.CANCELLED, "Client cancelled"));
      }
      case CONFIRMED -> add(steps, v.createdAt, () -> create(run, v, false));
      case NO_SHOW -> {
        add(steps, v.createdAt, () -> create(run, v, false));
        add(steps, v.end.plus(Duration.ofMinutes(5)), () -> move(run, v, BookingStatus.NO_SHOW, "Did not come"));
      }
      case COMPLETED -> {
        add(steps, v.createdAt, () -> create(run, v, false));
        add(steps, v.end.plus(Duration.ofMinutes(5)), () -> move(run, v, BookingStatus.COMPLETED, null));
        if (v.claim != null) {
          claim(run, v, steps);
        } else {
          add(steps, v.end.plus(Duration.ofMinutes(10)), () -> {
            if (!run.of(v).byPackage) {
              money.bill(run, v);
            }
          });
          if (v.refund != DemoPlan.RefundKind.NONE && (v.pay == DemoPlan.Pay.CARD || v.pay == DemoPlan.Pay.CASH
              || v.pay == DemoPlan.Pay.EXTERNAL)) {
            laterStep(run, steps, v.end.plus(Duration.ofDays(2)), () -> {
              if (!run.of(v).byPackage) {
                money.refund(run, v);
              }
            });
          }
        }
      }
    }
  }

  private void claim(DemoRun run, DemoPlan.Visit v, Timeline steps) {
    add(steps, v.end.plus(Duration.ofMinutes(10)), () -> {
      if (!run.of(v).byPackage) {
        DemoClaims.draft(run, money, v);
      }
    });
    List<String> way = switch (v.claim) {
      case DRAFT -> List.of();
      case SUBMITTED -> List.of("SUBMITTED");
      case UNDER_REVIEW -> List.of("SUBMITTED", "UNDER_REVIEW");
      case ADDITIONAL_INFO_REQUIRED -> List.of("SUBMITTED", "UNDER_REVIEW", "ADDITIONAL_INFO_REQUIRED");
      case REJECTED -> List.of("SUBMITTED", "UNDER_REVIEW", "REJECTED");
      case APPROVED -> List.of("SUBMITTED", "UNDER_REVIEW", "APPROVED");
    };
    for (int i = 0; i < way.size(); i++) {
      String to = way.get(i);
      laterStep(run, steps, v.end.plus(Duration.ofDays(1L + 2L * i)), () -> {
        if (run.of(v).claimId != null && run.of(v).claimStatus.equals(before(way, to))) {
          DemoClaims.move(run, v, to);
        }
      });
    }
    if (v.claim == DemoPlan.ClaimEnd.APPROVED || v.claim == DemoPlan.ClaimEnd.REJECTED) {
      laterStep(run, steps, v.end.plus(Duration.ofDays(6)), () -> {
        DemoRun.Booked b = run.of(v);
        if (b.claimId != null && b.claimStatus.equals(v.claim.name())) {
          if (v.claim == DemoPlan.ClaimEnd.APPROVED) {
            DemoClaims.apply(run, v);
          }
          money.settleRest(run, b.invoiceId);
        }
      });
    }
  }

  /** The status a claim must be in before it moves to {@code to} along {@code way}. */
  private static String before(List<String> way, String to) {
    int index = way.indexOf(to);
    return index == 0 ? "DRAFT" : way.get(index - 1);
  }

  /** A step after the visit, if its time has come before the seeded past ends. */
  private static void laterStep(DemoRun run, Timeline steps, Instant at, Runnable action) {
    if (at.isBefore(run.plan.cutoff)) {
      steps.add(at, action);
    }
  }

  private static void add(Timeline steps, Instant at, Runnable action) {
    steps.add(at, action);
  }

  private static Instant at(DemoPlan plan, int day, int hour, int minute) {
    return plan.anchor.plusDays(day).atTime(LocalTime.of(hour, 0)).plusMinutes(minute).atZone(ZoneId.of(DemoCatalog.TIME_ZONE)).toInstant();
  }

  private void create(DemoRun run, DemoPlan.Visit v, boolean hold) {
    DemoRun.Booked b = run.of(v);
    UUID service = run.services.get(v.treatment).id();
    UUID provider = run.providers.get(v.provider);
    UUID customer = run.customers.get(v.customer);
    Instant start = v.movedFrom != null ? v.movedFrom : v.start;
    if (v.viaLink) {
      CreatedLink link = await(links.create(run.caller, new NewLink(service, provider, new NewLink.CustomerRef(customer, null, null, null),
          null, clock.instant().plus(Duration.ofDays(7)), 1)));
      String ip = run.nextIp();
      look(run, link.token(), ip, v.views, v.searches, v.start);
      b.bookingId = await(links.book(link.token(), ip, start, null)).id();
      await(links.publishCounts());
      run.count("links.booked");
    } else {
      Booking booking = await(bookings.create(run.caller, new NewBooking(service, provider, customer, null, start, hold || v.holdFirst, null)));
      b.bookingId = booking.id();
      if (v.fate == DemoPlan.Fate.EXPIRED && hold) {
        run.timeline.add(booking.holdExpiresAt().plus(Duration.ofMinutes(1)), () -> expire(run, v));
      }
      if (v.holdFirst) {
        await(bookings.transition(run.caller, booking.id(), BookingStatus.CONFIRMED, "Confirmed by phone", null));
      }
    }
    b.status = hold ? "HELD" : "CONFIRMED";
    if (v.fate == DemoPlan.Fate.COMPLETED || v.fate == DemoPlan.Fate.CONFIRMED || v.fate == DemoPlan.Fate.NO_SHOW) {
      b.byPackage = money.redeemPackage(run, v);
    }
  }

  /** The hold lapsed a minute ago: expired as the hold sweeper would (it may have been first). */
  private void expire(DemoRun run, DemoPlan.Visit v) {
    DemoRun.Booked b = run.of(v);
    try {
      await(bookings.transition(run.caller, b.bookingId, BookingStatus.EXPIRED, "hold lapsed", null));
    } catch (ApiException e) {
      if (await(bookings.get(run.caller, b.bookingId)).status() != BookingStatus.EXPIRED) {
        throw e;
      }
    }
    b.status = "EXPIRED";
  }

  private void move(DemoRun run, DemoPlan.Visit v, BookingStatus to, String reason) {
    await(bookings.transition(run.caller, run.of(v).bookingId, to, reason, null));
    run.of(v).status = to.name();
  }

  /** A client opens the link's page a few times and looks for times on the visit's day. */
  private void look(DemoRun run, String token, String ip, int views, int searches, Instant day) {
    for (int i = 0; i < views; i++) {
      await(links.view(token, ip));
    }
    Instant from = day.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    for (int i = 0; i < searches; i++) {
      await(links.slots(token, ip, from, from.plus(Duration.ofDays(1))));
    }
    run.count("links.views", views);
    run.count("links.searches", searches);
  }

  private void abandonedLink(DemoRun run, int p, int treatment, int customer, int views, boolean searched, Instant when) {
    CreatedLink link = await(links.create(run.caller, new NewLink(run.services.get(treatment).id(), run.providers.get(p),
        new NewLink.CustomerRef(run.customers.get(customer), null, null, null), null, when.plus(Duration.ofDays(5)), 1)));
    look(run, link.token(), run.nextIp(), views, searched ? 1 : 0, when.plus(Duration.ofDays(2)));
    await(links.publishCounts());
    run.count("links.unused");
  }

  /** Links still open after the seeded past: reusable ones for the booking page, and one for a single client. */
  private void openLinks(DemoRun run) {
    int[][] offers = {{0, 0}, {1, 2}, {3, 1}, {4, 3}};
    Instant expires = run.plan.anchor.plusDays(DemoPlan.FUTURE_DAYS).atStartOfDay(ZoneId.of(DemoCatalog.TIME_ZONE)).toInstant();
    for (int i = 0; i < offers.length; i++) {
      NewLink.CustomerRef who = i == 3 ? new NewLink.CustomerRef(run.customers.get(150), null, null, null) : null;
      CreatedLink link = await(links.create(run.caller, new NewLink(run.services.get(offers[i][1]).id(), run.providers.get(offers[i][0]),
          who, null, expires, i == 3 ? 1 : null)));
      if (i < 2) {
        look(run, link.token(), run.nextIp(), 2, 1, run.plan.cutoff.plus(Duration.ofDays(3)));
      }
      run.openLinks.add(link.token());
    }
    await(links.publishCounts());
    run.count("links.open", offers.length);
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
