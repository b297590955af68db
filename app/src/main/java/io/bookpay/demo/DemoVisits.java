package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.BookingStatus;
import io.bookpay.booking.NewBooking;
import io.bookpay.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The life of each planned visit on the timeline: booked, moved, cancelled, completed or missed, then billed or claimed. */
@Component
class DemoVisits {

  private final BookingService bookings;
  private final DemoLinks links;
  private final DemoMoney money;

  DemoVisits(BookingService bookings, DemoLinks links, DemoMoney money) {
    this.bookings = bookings;
    this.links = links;
    this.money = money;
  }

  /** Adds the visit's steps to the run's timeline: made, maybe moved, then cancelled, completed, billed, refunded or claimed. */
  void schedule(DemoRun run, DemoPlan.Visit v) {
    Timeline steps = run.timeline;
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
  /** Books the visit (as a hold if asked), through its link if it has one, and pays it with a package session if the client has one. */
  void create(DemoRun run, DemoPlan.Visit v, boolean hold) {
    DemoRun.Booked b = run.of(v);
    UUID service = run.services.get(v.treatment).id();
    UUID provider = run.providers.get(v.provider);
    UUID customer = run.customers.get(v.customer);
    Instant start = v.movedFrom != null ? v.movedFrom : v.start;
    if (v.viaLink) {
      b.bookingId = links.book(run, service, provider, customer, v.views, v.searches, start);
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
}
