package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.link.CreatedLink;
import io.bookpay.link.LinkService;
import io.bookpay.link.NewLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Express links as clients use them: opened a few times from one address, searched for times,
 * booked or left; and links still open at the end. Views and searches are published right after
 * they were made ({@link LinkService#publishCounts}), so they land at the seeded instant.
 */
@Component
class DemoLinks {

  private final LinkService links;
  private final Clock clock;

  DemoLinks(LinkService links, Clock clock) {
    this.links = links;
    this.clock = clock;
  }

  void publishCounts() {
    await(links.publishCounts());
  }

  /** A single-use link for the customer, looked at, then booked at {@code start}; the booking's id. */
  UUID book(DemoRun run, UUID service, UUID provider, UUID customer, int views, int searches, Instant start) {
    CreatedLink link = await(links.create(run.caller, new NewLink(service, provider, new NewLink.CustomerRef(customer, null, null, null),
        null, clock.instant().plus(Duration.ofDays(7)), 1)));
    String ip = run.nextIp();
    look(run, link.token(), ip, views, searches, start);
    UUID booking = await(links.book(link.token(), ip, start, null)).id();
    publishCounts();
    run.count("links.booked");
    return booking;
  }

  /** A client opens the link's page a few times and looks for times on the visit's day. */
  private void look(DemoRun run, String token, String ip, int views, int searches, Instant day) {
    for (int i = 0; i < views; i++) {
      await(links.view(token, ip));
    }
    Instant from = day.truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i < searches; i++) {
      await(links.slots(token, ip, from, from.plus(Duration.ofDays(1))));
    }
    run.count("links.views", views);
    run.count("links.searches", searches);
  }

  /** A link the client looked at and never booked through. */
  void unused(DemoRun run, int p, int treatment, int customer, int views, boolean searched, Instant when) {
    CreatedLink link = await(links.create(run.caller, new NewLink(run.services.get(treatment).id(), run.providers.get(p),
        new NewLink.CustomerRef(run.customers.get(customer), null, null, null), null, when.plus(Duration.ofDays(5)), 1)));
    look(run, link.token(), run.nextIp(), views, searched ? 1 : 0, when.plus(Duration.ofDays(2)));
    await(links.publishCounts());
    run.count("links.unused");
  }

  /** Links still open after the seeded past: reusable ones for the booking page, and one for a single client. */
  void open(DemoRun run) {
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
}
