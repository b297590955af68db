package io.bookpay.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bookings of the demo month, drawn from one {@link Random} in a fixed order, so one seed value
 * always gives the same bookings, fates and bills. Slots are laid out per provider and day inside
 * the working hours, on the services' 15-minute grid, with their buffers and around time off, so
 * every one is a slot the availability rules offer.
 */
final class DemoPlan {

  /** Days before the anchor (the tenant's today) that get bookings, and days from it on. */
  static final int PAST_DAYS = 30;
  static final int FUTURE_DAYS = 14;

  enum Fate { COMPLETED, NO_SHOW, CANCELLED, EXPIRED, CONFIRMED, HELD }

  enum Pay { CARD, CASH, EXTERNAL, GIFT_CARD, CARD_AND_CASH, UNPAID, PARTIAL }

  enum RefundKind { NONE, PARTIAL, FULL }

  enum ClaimEnd { DRAFT, SUBMITTED, UNDER_REVIEW, ADDITIONAL_INFO_REQUIRED, REJECTED, APPROVED }

  /** One planned booking and what happens to it. */
  static final class Visit {
    final int provider;
    final int treatment;
    final int customer;
    final Instant start;
    final Instant end;
    final Instant createdAt;
    final Fate fate;
    final boolean holdFirst;
    final boolean viaLink;
    final int views;
    final int searches;
    final Pay pay;
    final RefundKind refund;
    final boolean product;
    final boolean coupon;
    final ClaimEnd claim;
    /** Where the booking was first made, before it was rescheduled to {@code start}; null if it never moved. */
    final Instant movedFrom;

    Visit(int provider, int treatment, int customer, Instant start, Instant end, Instant createdAt, Fate fate, boolean holdFirst,
        boolean viaLink, int views, int searches, Pay pay, RefundKind refund, boolean product, boolean coupon, ClaimEnd claim,
        Instant movedFrom) {
      this.provider = provider;
      this.treatment = treatment;
      this.customer = customer;
      this.start = start;
      this.end = end;
      this.createdAt = createdAt;
      this.fate = fate;
      this.holdFirst = holdFirst;
      this.viaLink = viaLink;
      this.views = views;
      this.searches = searches;
      this.pay = pay;
      this.refund = refund;
      this.product = product;
      this.coupon = coupon;
      this.claim = claim;
      this.movedFrom = movedFrom;
    }
  }

  /** A range a provider is away, as days relative to the anchor and local times. */
  record Away(int provider, int fromDay, LocalTime fromTime, int toDay, LocalTime toTime, String reason) {}

  static final List<Away> TIME_OFF = List.of(
      new Away(1, -12, LocalTime.MIDNIGHT, -9, LocalTime.MIDNIGHT, "Vacation"),
      new Away(0, -5, LocalTime.MIDNIGHT, -4, LocalTime.MIDNIGHT, "Conference"),
      new Away(3, 6, LocalTime.of(13, 0), 6, LocalTime.of(17, 0), "Training"),
      new Away(4, 9, LocalTime.MIDNIGHT, 11, LocalTime.MIDNIGHT, "Vacation"));

  private static final List<ClaimEnd> CLAIM_ENDS = List.of(ClaimEnd.APPROVED, ClaimEnd.REJECTED, ClaimEnd.UNDER_REVIEW,
      ClaimEnd.APPROVED, ClaimEnd.ADDITIONAL_INFO_REQUIRED, ClaimEnd.SUBMITTED, ClaimEnd.APPROVED, ClaimEnd.DRAFT, ClaimEnd.REJECTED);

  final LocalDate anchor;
  final Instant setupAt;
  /** Nothing of the past is seeded at or after this instant (the evening before the anchor). */
  final Instant cutoff;
  final List<Visit> visits = new ArrayList<>();

  private final Random random;
  private int claims;

  DemoPlan(long seed, LocalDate anchor) {
    this.random = new Random(seed);
    this.anchor = anchor;
    ZoneId zone = ZoneId.of(DemoCatalog.TIME_ZONE);
    this.setupAt = anchor.minusDays(PAST_DAYS + 5).atTime(8, 0).atZone(zone).toInstant();
    this.cutoff = anchor.atStartOfDay(zone).toInstant().minus(Duration.ofHours(6));
    for (int day = -PAST_DAYS; day < FUTURE_DAYS; day++) {
      for (int p = 0; p < DemoCatalog.PRACTITIONERS.size(); p++) {
        planDay(p, anchor.plusDays(day));
      }
    }
  }

  static Instant at(LocalDate anchor, int provider, int day, LocalTime time) {
    ZoneId zone = ZoneId.of(DemoCatalog.PLACES.get(DemoCatalog.PRACTITIONERS.get(provider).place()).zone());
    return ZonedDateTime.of(anchor.plusDays(day), time, zone).toInstant();
  }

  private void planDay(int p, LocalDate date) {
    DemoCatalog.Practitioner who = DemoCatalog.PRACTITIONERS.get(p);
    if (!who.hours().days().contains(date.getDayOfWeek())) {
      return;
    }
    ZoneId zone = ZoneId.of(DemoCatalog.PLACES.get(who.place()).zone());
    Instant windowStart = ZonedDateTime.of(date, who.hours().from(), zone).toInstant();
    Instant windowEnd = ZonedDateTime.of(date, who.hours().to(), zone).toInstant();
    int wanted = 2 + random.nextInt(3);
    Instant cursor = windowStart;
    Instant blockedUntil = windowStart;
    for (int n = 0; n < wanted; n++) {
      int treatment = who.treatments().get(random.nextInt(who.treatments().size()));
      DemoCatalog.Treatment t = DemoCatalog.TREATMENTS.get(treatment);
      Instant earliest = cursor.plus(Duration.ofMinutes(15L * random.nextInt(5)));
      Instant afterBuffer = blockedUntil.plus(Duration.ofMinutes(t.bufferBefore()));
      if (afterBuffer.isAfter(earliest)) {
        earliest = afterBuffer;
      }
      Instant start = onGrid(windowStart, earliest);
      Instant end = start.plus(Duration.ofMinutes(t.minutes()));
      if (end.isAfter(windowEnd)) {
        return;
      }
      cursor = end.plus(Duration.ofMinutes(t.bufferAfter()));
      if (away(p, start, end)) {
        continue;
      }
      Instant movedFrom = null;
      if (random.nextDouble() < 0.06) {
        // Booked first at this slot, moved later to the next free one: the slot stays the booking's alone until it moves.
        Instant later = onGrid(windowStart, cursor.plus(Duration.ofMinutes(t.bufferBefore())));
        Instant laterEnd = later.plus(Duration.ofMinutes(t.minutes()));
        if (!laterEnd.isAfter(windowEnd) && !away(p, later, laterEnd)) {
          movedFrom = start;
          start = later;
          end = laterEnd;
          cursor = end.plus(Duration.ofMinutes(t.bufferAfter()));
        }
      }
      blockedUntil = cursor;
      visits.add(visit(p, treatment, start, end, movedFrom));
    }
  }

  private static Instant onGrid(Instant windowStart, Instant earliest) {
    long minutes = Duration.between(windowStart, earliest).toMinutes();
    long steps = (minutes + 14) / 15;
    return windowStart.plus(Duration.ofMinutes(15 * steps));
  }

  private boolean away(int p, Instant start, Instant end) {
    for (Away a : TIME_OFF) {
      if (a.provider() == p && start.isBefore(at(anchor, p, a.toDay(), a.toTime())) && end.isAfter(at(anchor, p, a.fromDay(), a.fromTime()))) {
        return true;
      }
    }
    return false;
  }

  private Visit visit(int p, int treatment, Instant start, Instant end, Instant movedFrom) {
    int customer = customer(treatment);
    Instant createdAt = start.minus(Duration.ofDays(1 + random.nextInt(9))).minus(Duration.ofMinutes(random.nextInt(360)));
    if (createdAt.isBefore(setupAt.plus(Duration.ofHours(3)))) {
      createdAt = setupAt.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(random.nextInt(600)));
    }
    if (createdAt.isAfter(cutoff.minus(Duration.ofMinutes(30)))) {
      createdAt = cutoff.minus(Duration.ofHours(2)).minus(Duration.ofMinutes(random.nextInt(600)));
    }
    boolean past = end.isBefore(cutoff);
    double r = random.nextDouble();
    Fate fate;
    if (past) {
      fate = r < 0.06 ? Fate.EXPIRED : r < 0.14 ? Fate.CANCELLED : r < 0.21 ? Fate.NO_SHOW : Fate.COMPLETED;
    } else {
      fate = r < 0.10 ? Fate.CANCELLED : r < 0.14 && !start.isBefore(cutoff.plus(Duration.ofDays(2))) ? Fate.HELD : Fate.CONFIRMED;
    }
    boolean holdFirst = fate != Fate.EXPIRED && fate != Fate.HELD && random.nextDouble() < 0.10;
    boolean viaLink = fate != Fate.EXPIRED && fate != Fate.HELD && !holdFirst && random.nextDouble() < 0.18;
    int views = 1 + random.nextInt(3);
    int searches = 1 + random.nextInt(2);
    double m = random.nextDouble();
    Pay pay = m < 0.28 ? Pay.CARD : m < 0.46 ? Pay.CASH : m < 0.58 ? Pay.EXTERNAL : m < 0.68 ? Pay.GIFT_CARD
        : m < 0.76 ? Pay.CARD_AND_CASH : m < 0.88 ? Pay.UNPAID : Pay.PARTIAL;
    double f = random.nextDouble();
    RefundKind refund = f < 0.08 ? RefundKind.PARTIAL : f < 0.13 ? RefundKind.FULL : RefundKind.NONE;
    boolean product = random.nextDouble() < 0.2;
    boolean coupon = random.nextDouble() < 0.08;
    // Claims take their ends in turn, so every seed has claims in every status (the last days' stop early anyway).
    ClaimEnd claim = !DemoCatalog.TREATMENTS.get(treatment).insured() || customer >= DemoCatalog.INSURED || !past ? null
        : CLAIM_ENDS.get(claims++ % CLAIM_ENDS.size());
    return new Visit(p, treatment, customer, start, end, createdAt, fate, holdFirst, viaLink, views, searches, pay, refund, product,
        coupon, claim, fate == Fate.EXPIRED || fate == Fate.HELD ? null : movedFrom);
  }

  /** Regulars come more often; package holders book their package's service. */
  private int customer(int treatment) {
    if ((treatment == 2 || treatment == 3) && random.nextDouble() < 0.35) {
      return DemoCatalog.PACKAGE_BUYERS + (treatment == 2 ? 0 : 4) + random.nextInt(4);
    }
    return random.nextDouble() < 0.5 ? random.nextInt(60) : random.nextInt(DemoCatalog.CUSTOMERS);
  }

  Random random() {
    return random;
  }
}
