package io.bookpay.report;

import io.bookpay.events.DomainEvent;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's week around the start of summer time in Europe/Berlin (2026-03-29, 02:00 CET became
 * 03:00 CEST, at 01:00 UTC), as events with chosen times: bookings A-E, links L and M, claims X-Z,
 * provider P (bookings C and D) with weekly hours at a location in Berlin.
 * Several events sit where the tenant's day and the UTC day differ, so a report in UTC days would
 * show other numbers. The expected figures are in the report tests.
 */
final class ReportScript {

  static final String ZONE = "Europe/Berlin";

  final UUID tenant;
  final UUID bookingA = UUID.randomUUID();
  final UUID bookingB = UUID.randomUUID();
  final UUID bookingC = UUID.randomUUID();
  final UUID bookingD = UUID.randomUUID();
  final UUID bookingE = UUID.randomUUID();
  final UUID serviceOfD = UUID.randomUUID();
  final UUID providerP = UUID.randomUUID();
  final UUID location = UUID.randomUUID();
  final UUID linkL = UUID.randomUUID();
  final UUID linkM = UUID.randomUUID();
  final UUID planAcme = UUID.randomUUID();
  final UUID planBeta = UUID.randomUUID();
  final UUID claimX = UUID.randomUUID();
  final UUID claimY = UUID.randomUUID();
  final UUID claimZ = UUID.randomUUID();

  private final EventEnvelope zone;
  private final List<EventEnvelope> events;

  ReportScript(UUID tenant) {
    this.tenant = tenant;
    this.zone = at("2026-03-01T00:00:00Z", new TenantProfileChanged(tenant, "Script clinic", ZONE, 1));
    this.events = List.copyOf(script());
  }

  /** The tenant's zone: applied before the rest, since a zone applies to events applied after it. */
  EventEnvelope zone() {
    return zone;
  }

  /** The week's events; the same envelopes (same ids) on every call, so they can be delivered again. */
  List<EventEnvelope> events() {
    return events;
  }

  private List<EventEnvelope> script() {
    List<EventEnvelope> events = new ArrayList<>();
    events.add(at("2026-03-28T22:30:00Z", new BookingHeld(facts(bookingA, null), Instant.parse("2026-03-28T22:35:00Z")))); // 03-28 23:30 CET
    events.add(at("2026-03-28T23:30:00Z", new BookingConfirmed(facts(bookingA, null)))); // 03-29 00:30 CET
    events.add(at("2026-03-30T08:00:00Z", new BookingRescheduled(facts(bookingA, null), Instant.parse("2026-04-02T08:00:00Z"),
        Instant.parse("2026-04-02T08:30:00Z"))));
    events.add(at("2026-03-29T22:30:00Z", new BookingConfirmed(facts(bookingB, null)))); // 03-30 00:30 CEST, UTC 03-29
    events.add(at("2026-03-30T10:00:00Z", new BookingCancelled(facts(bookingB, null), "ill")));
    events.add(at("2026-03-29T01:30:00Z", new LinkUsed(linkL, bookingC, 1))); // the link before its booking
    events.add(at("2026-03-29T01:30:00Z", new BookingConfirmed(factsOfC()))); // 03-29 03:30 CEST
    events.add(at("2026-03-31T09:00:00Z", new BookingCompleted(factsOfC())));
    events.add(at("2026-03-29T10:00:00Z", new BookingConfirmed(factsOfD())));
    events.add(at("2026-03-31T12:00:00Z", new BookingNoShow(factsOfD())));
    events.add(at("2026-03-31T22:30:00Z", new BookingConfirmed(facts(bookingE, null)))); // 04-01 00:30 CEST: after the range
    events.add(at("2026-03-28T23:10:00Z", new LinkViewed(linkL, 3, Instant.parse("2026-03-28T23:09:00Z"), Instant.parse("2026-03-28T23:10:00Z"))));
    events.add(at("2026-03-29T00:30:00Z", new LinkViewed(linkL, 5, Instant.parse("2026-03-29T00:29:00Z"), Instant.parse("2026-03-29T00:30:00Z"))));
    events.add(at("2026-03-29T01:00:00Z", new LinkSlotsSearched(linkL, 4, Instant.parse("2026-03-29T00:59:00Z"), Instant.parse("2026-03-29T01:00:00Z"))));
    events.add(at("2026-03-30T12:00:00Z", new LinkViewed(linkM, 2, Instant.parse("2026-03-30T11:59:00Z"), Instant.parse("2026-03-30T12:00:00Z"))));
    events.add(at("2026-03-27T23:30:00Z", new LinkViewed(linkM, 7, Instant.parse("2026-03-27T23:29:00Z"), Instant.parse("2026-03-27T23:30:00Z")))); // 03-28 00:30 CET
    events.addAll(claims());
    events.addAll(catalog());
    return events;
  }

  /** P works Saturdays and Sundays 01:00-04:00 (two hours on the DST Sunday) and Mondays 09:00-17:00, in Berlin. */
  private List<EventEnvelope> catalog() {
    return List.of(
        at("2026-03-01T00:00:00Z", new LocationChanged(location, "Main street", ZONE, true, 1)),
        at("2026-03-01T00:00:00Z", new ProviderChanged(providerP, "Dr. Alder", true, List.of(location), List.of(), List.of(
            new ProviderChanged.Hours(location, 6, LocalTime.of(1, 0), LocalTime.of(4, 0)),
            new ProviderChanged.Hours(location, 7, LocalTime.of(1, 0), LocalTime.of(4, 0)),
            new ProviderChanged.Hours(location, 1, LocalTime.of(9, 0), LocalTime.of(17, 0))), 2)),
        // An older snapshot arriving late changes nothing.
        at("2026-02-01T00:00:00Z", new ProviderChanged(providerP, "Dr. Old", true, List.of(location), List.of(), List.of(
            new ProviderChanged.Hours(location, 2, LocalTime.of(0, 0), LocalTime.of(23, 0))), 1)));
  }

  /** 30 minutes with P on Sunday 03-29 at 03:30 CEST. */
  private BookingFacts factsOfC() {
    Instant start = Instant.parse("2026-03-29T01:30:00Z");
    return new BookingFacts(bookingC, providerP, UUID.randomUUID(), UUID.randomUUID(), location, start, start.plusSeconds(1800), 6000, "EUR");
  }

  /** 30 minutes with P on Monday 03-30 at 10:00 CEST. */
  private BookingFacts factsOfD() {
    Instant start = Instant.parse("2026-03-30T08:00:00Z");
    return new BookingFacts(bookingD, providerP, serviceOfD, UUID.randomUUID(), location, start, start.plusSeconds(1800), 6000, "EUR");
  }

  private List<EventEnvelope> claims() {
    UUID customer = UUID.randomUUID();
    return List.of(
        at("2026-03-28T12:00:00Z", new ClaimSubmitted(claimX, customer, planAcme, 10000, 8000, "EUR", "Acme Health")),
        at("2026-03-30T12:00:00Z", new ClaimApproved(claimX, customer, planAcme, 8000, 10000, "EUR", "Acme Health")), // 2 days
        at("2026-03-29T12:00:00Z", new ClaimSubmitted(claimY, customer, planAcme, 5000, 4000, "EUR", "Acme Health")),
        at("2026-03-29T22:30:00Z", new ClaimRejected(claimY, customer, planAcme, "not covered", "Acme Health")), // 03-30 00:30 CEST; 0.4375 days
        at("2026-03-29T09:00:00Z", new ClaimSubmitted(claimZ, customer, planBeta, 7000, 7000, "EUR", "Beta Insure")));
  }

  private BookingFacts facts(UUID booking, UUID service) {
    Instant start = Instant.parse("2026-04-02T08:00:00Z");
    return new BookingFacts(booking, UUID.randomUUID(), service != null ? service : UUID.randomUUID(), UUID.randomUUID(),
        UUID.randomUUID(), start, start.plusSeconds(1800), 6000, "EUR");
  }

  private EventEnvelope at(String instant, DomainEvent event) {
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.parse(instant), event);
  }
}
