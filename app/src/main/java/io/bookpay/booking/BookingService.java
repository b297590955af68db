package io.bookpay.booking;

import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.Offering;
import io.bookpay.catalog.ProviderSchedule;
import io.bookpay.customer.CustomerService;
import io.bookpay.customer.NewCustomer;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingHoldExpired;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Books, moves and ends appointments. The database holds the line against double booking (an
 * exclusion constraint); this service turns its refusals (23P01, and 40P01 after one retry) into
 * 409 slot-unavailable, and writes every change with its history row and event in one transaction.
 */
@Service
public class BookingService {

  private final BookingRepository bookings;
  private final CatalogService catalog;
  private final CustomerService customers;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final BookingProperties properties;

  BookingService(BookingRepository bookings, CatalogService catalog, CustomerService customers, Outbox outbox,
      TransactionalOperator tx, Ids ids, Clock clock, BookingProperties properties) {
    this.bookings = bookings;
    this.catalog = catalog;
    this.customers = customers;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
    this.properties = properties;
  }

  /** A slot a booking could take: the provider's offered slot at the requested start. */
  private record Candidate(Slot slot) {}

  /**
   * Who gave a booking's inline customer. The business (an API key, or a link's prefill it wrote)
   * is taken at its word; a public client is not: when its email matches an existing customer, the
   * booking is marked unverified.
   */
  public enum Booker { BUSINESS, PUBLIC_CLIENT }

  public Mono<Booking> create(Caller caller, NewBooking request) {
    return create(caller, request, Booker.BUSINESS, booking -> Mono.empty());
  }

  /**
   * Books, running {@code alsoInTransaction} in the booking's transaction before the booking row is
   * written (a link's use count, say): if it fails, nothing is booked; if the booking fails, its
   * work is rolled back too.
   */
  public Mono<Booking> create(Caller caller, NewBooking request, Booker booker, Function<Booking, Mono<Void>> alsoInTransaction) {
    return create(caller, request, booker, new Also(alsoInTransaction, null));
  }

  /** What else a booking's transaction does: a step of its own before the booking, or a change in its statement. */
  private record Also(Function<Booking, Mono<Void>> before, WithBooking<?> with) {}

  private Mono<Booking> create(Caller caller, NewBooking request, Booker booker, Also alsoInTransaction) {
    Instant now = clock.instant();
    if (!request.start().isAfter(now)) {
      return Mono.error(Problems.unprocessable("The start " + request.start() + " is in the past."));
    }
    // The body names the service: unknown is 422, like every reference a body makes (Problems.referenced).
    return Problems.referenced(catalog.offering(caller.tenantId(), request.serviceId()), "Service " + request.serviceId())
        .flatMap(service -> {
          if (!service.active()) {
            return Mono.error(Problems.unprocessable("Service " + service.id() + " is inactive and cannot be booked."));
          }
          return candidates(caller, service, request, now)
              .flatMap(candidates -> tryInTurn(caller, service, request, booker, candidates, 0, alsoInTransaction));
        });
  }

  /**
   * Books with {@code with}, another feature's change made in the booking's own statement (see
   * {@link WithBooking}). For inline customer details the customer, the change, the booking and its
   * history are one statement and the events one more: with BEGIN and COMMIT, four round trips.
   */
  public <R> Mono<Booking> create(Caller caller, NewBooking request, Booker booker, WithBooking<R> with) {
    return create(caller, request, booker, new Also(null, with));
  }

  /** Offered slots at the start, for the provider asked for or every provider of the service, free ones first, shuffled. */
  private Mono<List<Candidate>> candidates(Caller caller, Offering service, NewBooking request, Instant now) {
    Instant start = request.start();
    return catalog.schedules(caller.tenantId(), service.id(), request.providerId(), start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)))
        .collectList()
        .flatMap(schedules -> {
          if (schedules.isEmpty()) {
            return Mono.error(request.providerId() != null
                ? Problems.unprocessable("Provider " + request.providerId() + " does not offer service " + service.id() + " or is inactive.")
                : Problems.unprocessable("No active provider offers service " + service.id() + "."));
          }
          List<Slot> offered = new ArrayList<>();
          for (ProviderSchedule schedule : schedules) {
            Slot slot = AvailabilityEngine.offered(service, schedule, now, start);
            if (slot != null) {
              offered.add(slot);
            }
          }
          if (offered.isEmpty()) {
            return Mono.error(new ApiException(ProblemType.UNPROCESSABLE,
                "No provider offers a slot starting at " + start + ": check working hours, time off, the slot interval,"
                    + " minimum notice and maximum advance (GET /v1/availability lists the slots).",
                Map.of("code", "slot-not-offered")));
          }
          Instant end = start.plus(service.duration());
          return bookings.busy(offered.stream().map(Slot::providerId).toList(),
                  start.minus(service.bufferBefore()), end.plus(service.bufferAfter()))
              .filter(range -> range.blocksAt(now))
              .map(BookingRepository.BusyRange::providerId)
              .collect(Collectors.toSet())
              .map(busy -> order(offered, busy));
        });
  }

  /** Free providers first (in random order, to spread concurrent requests), then the busy ones, which may free up. */
  private static List<Candidate> order(List<Slot> offered, Set<UUID> busy) {
    List<Candidate> free = new ArrayList<>();
    List<Candidate> taken = new ArrayList<>();
    for (Slot slot : offered) {
      (busy.contains(slot.providerId()) ? taken : free).add(new Candidate(slot));
    }
    Collections.shuffle(free, ThreadLocalRandom.current());
    free.addAll(taken);
    return free;
  }

  private Mono<Booking> tryInTurn(Caller caller, Offering service, NewBooking request, Booker booker, List<Candidate> candidates,
      int index, Also alsoInTransaction) {
    if (index >= candidates.size()) {
      return Mono.error(slotUnavailable(request.start()));
    }
    // Lapsed holds in the way are cleared first in every try: a second insert into a slot found taken
    // would join the exclusion constraint's waits of a crowd racing for it, and in CI such storms of
    // deadlocks left 200 concurrent requests without a winner (see the issue 17 note).
    return insert(caller, service, request, booker, candidates.get(index).slot(), alsoInTransaction)
        .onErrorResume(BookingService::isSlotTaken,
            e -> tryInTurn(caller, service, request, booker, candidates, index + 1, alsoInTransaction));
  }

  /**
   * One transaction: lapsed holds out of the way, customer, the
   * booking with its history, and its events. Inline customer details with a {@link WithBooking}
   * take the composed statement; the rest take a statement per step.
   */
  private Mono<Booking> insert(Caller caller, Offering service, NewBooking request, Booker booker, Slot slot,
      Also also) {
    return Mono.defer(() -> {
          Instant now = clock.instant();
          Instant blockedStart = slot.start().minus(service.bufferBefore());
          Instant blockedEnd = slot.end().plus(service.bufferAfter());
          Mono<Void> cleared = expireLapsed(slot.providerId(), blockedStart, blockedEnd, now).then();
          if (also.with() != null && request.customerId() == null) {
            return cleared.then(composed(caller, service, request, booker, slot, blockedStart, blockedEnd, now, also.with()));
          }
          return cleared.then(customer(caller, request, booker))
              .flatMap(who -> {
                Booking booking = draft(caller, service, request, slot, who.customerId(), who.attendee(), who.verified(), now);
                Mono<Void> before = also.before() != null ? also.before().apply(booking) : alone(booking, also.with());
                return before
                    .then(bookings.insert(booking, blockedStart, blockedEnd, caller.apiKeyId(), actor(caller)))
                    .then(outbox.append(caller.tenantId(), event(booking)))
                    .thenReturn(booking);
              });
        })
        .as(tx::transactional)
        .retryWhen(Retry.max(1).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED) || e instanceof CustomerRegisteredMeanwhile));
  }

  /** The customer, the other feature's change, the booking and its history in one statement; then the events. */
  private <R> Mono<Booking> composed(Caller caller, Offering service, NewBooking request, Booker booker, Slot slot,
      Instant blockedStart, Instant blockedEnd, Instant now, WithBooking<R> with) {
    NewCustomer given = request.customer();
    Attendee attendee = new Attendee(given.name().trim(), blankToNull(given.email()), blankToNull(given.phone()));
    boolean trusted = booker != Booker.PUBLIC_CLIENT;
    UUID newCustomer = ids.next();
    Booking draft = draft(caller, service, request, slot, newCustomer, attendee, true, now);
    return bookings.insertWith(draft, blockedStart, blockedEnd, caller.apiKeyId(), actor(caller), trusted,
            customers.registerOrFindParameters(caller, newCustomer, given, now), with)
        .flatMap(result -> {
          if (result.customerId() == null) {
            // The email was registered by a request that committed after this statement began: once more sees it.
            return Mono.error(new CustomerRegisteredMeanwhile());
          }
          Booking booking = draft.on(result.customerId(), trusted || result.registered());
          if (!result.booked()) {
            return with.after().apply(booking, Optional.empty())
                .then(Mono.error(() -> new IllegalStateException(with.name() + " returned no row and gave no reason")));
          }
          return (result.registered() ? customers.registeredWithBooking(caller, newCustomer, given) : Mono.<Void>empty())
              .then(with.after().apply(booking, Optional.of(result.with())))
              .then(outbox.append(caller.tenantId(), event(booking)))
              .thenReturn(booking);
        });
  }

  /** The other feature's change as a statement of its own, before the booking (a customer named by id). */
  private <R> Mono<Void> alone(Booking booking, WithBooking<R> with) {
    return bookings.runAlone(with).map(Optional::of).defaultIfEmpty(Optional.empty())
        .flatMap(row -> with.after().apply(booking, row));
  }

  private Booking draft(Caller caller, Offering service, NewBooking request, Slot slot, UUID customerId, Attendee attendee,
      boolean verified, Instant now) {
    BookingStatus status = request.isHold() ? BookingStatus.HELD : BookingStatus.CONFIRMED;
    return new Booking(ids.next(), caller.tenantId(), service.id(), slot.providerId(), slot.locationId(), customerId, status,
        slot.start(), slot.end(), request.isHold() ? now.plus(properties.holdDuration()) : null, service.priceAmount(),
        service.currency(), request.notes(), 0, now, now, attendee, verified);
  }

  private static io.bookpay.events.DomainEvent event(Booking booking) {
    return booking.status() == BookingStatus.HELD
        ? new BookingHeld(booking.facts(), booking.holdExpiresAt())
        : new BookingConfirmed(booking.facts());
  }

  /** The composed statement found no customer: one registered concurrently, after its snapshot. Retried once. */
  private static final class CustomerRegisteredMeanwhile extends RuntimeException {
    CustomerRegisteredMeanwhile() {
      super("a customer with this email was registered concurrently", null, false, false);
    }
  }

  /** The customer a booking goes on, the attendee as given, and whether the match may be trusted. */
  private record Who(UUID customerId, Attendee attendee, boolean verified) {}

  /**
   * A named customer is the business's choice; inline details find the customer by email or register
   * one, and are kept as given. Only a public client's email that matched an existing customer is
   * unverified: anyone can type an email.
   */
  private Mono<Who> customer(Caller caller, NewBooking request, Booker booker) {
    if (request.customerId() != null) {
      return Problems.referenced(customers.get(caller, request.customerId()), "Customer " + request.customerId())
          .map(c -> new Who(c.id(), new Attendee(c.name(), c.email(), c.phone()), true));
    }
    NewCustomer given = request.customer();
    Attendee attendee = new Attendee(given.name().trim(), blankToNull(given.email()), blankToNull(given.phone()));
    return customers.findOrRegister(caller, given)
        .map(match -> new Who(match.customer().id(), attendee, !(match.existing() && booker == Booker.PUBLIC_CLIENT)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Expires lapsed holds in the way, in the caller's transaction, with their history and events. */
  private Mono<Integer> expireLapsed(UUID providerId, Instant blockedStart, Instant blockedEnd, Instant now) {
    return bookings.expireLapsedHolds(providerId, blockedStart, blockedEnd, now).collectList()
        .flatMap(expired -> recordExpiry(expired, "system:booking-insert", now).thenReturn(expired.size()));
  }

  Mono<Void> recordExpiry(List<Booking> expired, String actor, Instant now) {
    if (expired.isEmpty()) {
      return Mono.empty();
    }
    return bookings.recordHistory(expired, BookingStatus.HELD, actor, "hold lapsed", now)
        .then(Flux.fromIterable(expired)
            .concatMap(b -> outbox.append(b.tenantId(), new BookingHoldExpired(b.facts())))
            .then());
  }

  public Mono<Booking> get(Caller caller, UUID id) {
    return bookings.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking " + id)));
  }

  public Flux<HistoryEntry> history(Caller caller, UUID id) {
    return get(caller, id).thenMany(bookings.history(caller.tenantId(), id));
  }

  /**
   * Moves a booking to another status, if the lifecycle allows it from the current one; otherwise
   * 409 listing the allowed ones. {@code expectedVersion} (from If-Match) is optional.
   */
  public Mono<Booking> transition(Caller caller, UUID id, BookingStatus target, String reason, Long expectedVersion) {
    return bookings.lock(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking " + id)))
        .flatMap(current -> {
          Instant now = clock.instant();
          checkVersion(current, expectedVersion);
          if (!current.status().canMoveTo(target)) {
            return Mono.error(invalidTransition(current, target, "A " + current.status() + " booking cannot become " + target + "."));
          }
          if (current.status() == BookingStatus.HELD && target == BookingStatus.CONFIRMED && !current.holdExpiresAt().isAfter(now)) {
            return Mono.error(invalidTransition(current, target, "The hold lapsed at " + current.holdExpiresAt() + "; book the slot again."));
          }
          if ((target == BookingStatus.COMPLETED || target == BookingStatus.NO_SHOW) && now.isBefore(current.start())) {
            return Mono.error(invalidTransition(current, target, "The appointment has not started yet (" + current.start() + ")."));
          }
          return bookings.changeStatus(caller.tenantId(), id, current.status(), target, now, caller.apiKeyId())
              .flatMap(updated -> bookings.recordHistory(List.of(updated), current.status(), actor(caller), reason, now)
                  .then(outbox.append(caller.tenantId(), event(updated, reason)))
                  .thenReturn(updated));
        })
        .as(tx::transactional);
  }

  /** Moves a HELD or CONFIRMED booking to another offered start of the same provider; the old slot stays if the new one is taken. */
  public Mono<Booking> reschedule(Caller caller, UUID id, Instant newStart, Long expectedVersion) {
    Instant requested = clock.instant();
    if (!newStart.isAfter(requested)) {
      return Mono.error(Problems.unprocessable("The start " + newStart + " is in the past."));
    }
    return Mono.defer(() -> bookings.lock(caller.tenantId(), id)
            .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking " + id)))
            .flatMap(current -> {
              checkVersion(current, expectedVersion);
              if (!current.status().isActive()) {
                return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION,
                    "Only HELD and CONFIRMED bookings can be rescheduled; this one is " + current.status() + ".",
                    Map.of("status", current.status().name())));
              }
              if (current.status() == BookingStatus.HELD && !current.holdExpiresAt().isAfter(clock.instant())) {
                return Mono.error(new ApiException(ProblemType.INVALID_TRANSITION,
                    "The hold lapsed at " + current.holdExpiresAt() + "; book the slot again.", Map.of("status", "HELD")));
              }
              return catalog.offering(caller.tenantId(), current.serviceId())
                  .flatMap(service -> catalog.schedules(caller.tenantId(), service.id(), current.providerId(),
                          newStart.minus(Duration.ofDays(1)), newStart.plus(Duration.ofDays(1)))
                      .collectList() // read to the end: cancelling a result half-way can strand its buffers
                      .mapNotNull(schedules -> schedules.isEmpty() ? null
                          : AvailabilityEngine.offered(service, schedules.get(0), clock.instant(), newStart))
                      .switchIfEmpty(Mono.error(() -> Problems.unprocessable(
                          "The provider offers no slot starting at " + newStart + " (GET /v1/availability lists the slots).")))
                      .flatMap(slot -> move(caller, current, service, slot)));
            })
            .as(tx::transactional))
        .retryWhen(Retry.max(1).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)))
        .onErrorMap(BookingService::isSlotTaken, e -> slotUnavailable(newStart));
  }

  private Mono<Booking> move(Caller caller, Booking current, Offering service, Slot slot) {
    Instant now = clock.instant();
    Instant blockedStart = slot.start().minus(service.bufferBefore());
    Instant blockedEnd = slot.end().plus(service.bufferAfter());
    return expireLapsed(current.providerId(), blockedStart, blockedEnd, now)
        .then(bookings.move(caller.tenantId(), current.id(), slot.locationId(), slot.start(), slot.end(), blockedStart, blockedEnd,
            now, caller.apiKeyId()))
        .flatMap(moved -> bookings.recordHistory(List.of(moved), current.status(), actor(caller),
                "rescheduled from " + current.start() + " to " + moved.start(), now)
            .then(outbox.append(caller.tenantId(), new BookingRescheduled(moved.facts(), current.start(), current.end())))
            .thenReturn(moved));
  }

  public Mono<List<Booking>> page(Caller caller, BookingQuery query, int limit) {
    return bookings.page(caller.tenantId(), query, limit).collectList();
  }

  private static void checkVersion(Booking current, Long expectedVersion) {
    if (expectedVersion != null && expectedVersion != current.version()) {
      throw Versions.stale("Booking", current.version());
    }
  }

  private static BookingEvent event(Booking b, String reason) {
    return switch (b.status()) {
      case CONFIRMED -> new BookingConfirmed(b.facts());
      case CANCELLED -> new BookingCancelled(b.facts(), reason);
      case COMPLETED -> new BookingCompleted(b.facts());
      case NO_SHOW -> new BookingNoShow(b.facts());
      case EXPIRED -> new BookingHoldExpired(b.facts());
      case HELD -> throw new IllegalStateException("no transition leads to HELD");
    };
  }

  static String actor(Caller caller) {
    return caller.actor();
  }

  private static ApiException invalidTransition(Booking current, BookingStatus target, String detail) {
    return new ApiException(ProblemType.INVALID_TRANSITION, detail, Map.of(
        "status", current.status().name(),
        "requested", target.name(),
        "allowed", current.status().next().stream().map(Enum::name).sorted().toList()));
  }

  private static ApiException slotUnavailable(Instant start) {
    return new ApiException(ProblemType.SLOT_UNAVAILABLE, "The slot at " + start + " was just taken; pick another one.");
  }

  /** 23P01: the exclusion constraint refused; 40P01 after its retry: the same race, seen as a deadlock. */
  private static boolean isSlotTaken(Throwable e) {
    return SqlStates.is(e, SqlStates.EXCLUSION_VIOLATION) || SqlStates.is(e, SqlStates.DEADLOCK_DETECTED);
  }
}
