package io.bookpay.catalog;

import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The catalog's rules and its face to other features. Updates name the version they read; a
 * reference to another tenant's location or service reads as unknown.
 */
@Service
public class CatalogService {

  /** Schedules are read for blocks of this many seconds (seven days), see {@link #schedules}. */
  private static final long SCHEDULE_BLOCK = 7 * 86_400L;

  private final LocationRepository locations;
  private final OfferingRepository offerings;
  private final ProviderRepository providers;
  private final CatalogEvents events;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final CatalogCache cache;

  CatalogService(LocationRepository locations, OfferingRepository offerings, ProviderRepository providers, CatalogEvents events,
      TransactionalOperator tx, Ids ids, Clock clock, CatalogCache cache) {
    this.cache = cache;
    this.locations = locations;
    this.offerings = offerings;
    this.providers = providers;
    this.events = events;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  // --- locations ---

  public Mono<Location> createLocation(Caller caller, LocationInput in) {
    Instant now = clock.instant();
    Location location = new Location(ids.next(), caller.tenantId(), in.name().trim(), in.timeZone(), in.address(), true, 0, now, now);
    return locations.insert(location, caller.apiKeyId()).then(events.location(location)).as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Mono<Location> location(Caller caller, UUID id) {
    return locations.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Location " + id)));
  }

  public Flux<Location> locations(Caller caller) {
    return locations.list(caller.tenantId());
  }

  public Mono<Location> updateLocation(Caller caller, UUID id, long version, LocationInput in) {
    return locations.update(caller.tenantId(), id, version, in, clock.instant(), caller.apiKeyId())
        .flatMap(events::location)
        .switchIfEmpty(Mono.defer(() -> location(caller, id).flatMap(current -> Mono.error(Versions.stale("Location", current.version())))))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Mono<Location> deactivateLocation(Caller caller, UUID id) {
    return locations.deactivate(caller.tenantId(), id, clock.instant(), caller.apiKeyId())
        .flatMap(events::location)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Location " + id)))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  // --- services ---

  public Mono<Offering> createOffering(Caller caller, OfferingInput in) {
    Instant now = clock.instant();
    Offering offering = new Offering(ids.next(), caller.tenantId(), in.name().trim(), in.durationMinutes(), in.priceAmount(),
        in.currency(), OfferingInput.orZero(in.bufferBeforeMinutes()), OfferingInput.orZero(in.bufferAfterMinutes()),
        OfferingInput.orZero(in.minNoticeMinutes()), in.maxAdvanceDays() == null ? 90 : in.maxAdvanceDays(), in.interval(),
        true, 0, now, now);
    return offerings.insert(offering, caller.apiKeyId()).then(events.service(offering, false)).as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  /** The owner's read: from the table, so an ETag is never older than the row. */
  public Mono<Offering> offering(Caller caller, UUID id) {
    return offerings.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Service " + id)));
  }

  /** A service by id, for bookings and availability (cached, see CatalogCache); 404 when unknown to the tenant or deleted. */
  public Mono<Offering> offering(UUID tenantId, UUID id) {
    return cache.get(tenantId, id, () -> offerings.find(tenantId, id))
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Service " + id)));
  }

  public Flux<Offering> offerings(Caller caller) {
    return offerings.list(caller.tenantId());
  }

  public Mono<Offering> updateOffering(Caller caller, UUID id, long version, OfferingInput in) {
    return offerings.update(caller.tenantId(), id, version, in, clock.instant(), caller.apiKeyId())
        .flatMap(o -> events.service(o, false))
        .switchIfEmpty(Mono.defer(() -> offering(caller, id).flatMap(current -> Mono.error(Versions.stale("Service", current.version())))))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Mono<Offering> retireOffering(Caller caller, UUID id, boolean delete) {
    return offerings.retire(caller.tenantId(), id, delete, clock.instant(), caller.apiKeyId())
        .flatMap(o -> events.service(o, delete))
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Service " + id)))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  // --- providers ---

  public Mono<Provider> createProvider(Caller caller, ProviderInput in) {
    UUID id = ids.next();
    return checkReferences(caller, in)
        .then(providers.insert(caller.tenantId(), id, in.name().trim(), clock.instant(), caller.apiKeyId()))
        .then(providers.replaceLinks(caller.tenantId(), id, in.locations(), in.services()))
        .then(Mono.defer(() -> provider(caller, id)))
        .flatMap(events::provider)
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Mono<Provider> provider(Caller caller, UUID id) {
    return providers.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider " + id)));
  }

  public Flux<Provider> providers(Caller caller) {
    return providers.list(caller.tenantId());
  }

  public Mono<Provider> updateProvider(Caller caller, UUID id, long version, ProviderInput in) {
    return checkReferences(caller, in)
        .then(providers.update(caller.tenantId(), id, version, in.name().trim(), clock.instant(), caller.apiKeyId()))
        .flatMap(updated -> updated
            ? providers.replaceLinks(caller.tenantId(), id, in.locations(), in.services()).then(provider(caller, id)).flatMap(events::provider)
            : provider(caller, id).flatMap(current -> Mono.error(Versions.stale("Provider", current.version()))))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Mono<Provider> deactivateProvider(Caller caller, UUID id) {
    return providers.deactivate(caller.tenantId(), id, clock.instant(), caller.apiKeyId())
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider " + id)))
        .then(provider(caller, id))
        .flatMap(events::provider)
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  /**
   * Replaces the provider's weekly hours; each window must be at one of the provider's locations and
   * none may overlap. The provider's version (its ETag) moves with them.
   */
  public Mono<List<WorkingHours>> replaceHours(Caller caller, UUID providerId, List<WorkingHours> hours) {
    return provider(caller, providerId)
        .flatMap(provider -> {
          Set<UUID> allowed = new HashSet<>(provider.locationIds());
          for (int i = 0; i < hours.size(); i++) {
            WorkingHours h = hours.get(i);
            if (!h.end().isAfter(h.start())) {
              return Mono.error(Problems.invalid("hours[" + i + "].end", "must be after start"));
            }
            if (!allowed.contains(h.locationId())) {
              return Mono.error(Problems.unprocessable("hours[" + i + "]: the provider does not work at location " + h.locationId()
                  + "; add it to the provider's locationIds first."));
            }
          }
          List<WorkingHours> sorted = hours.stream()
              .sorted(Comparator.comparing(WorkingHours::weekday).thenComparing(WorkingHours::start)).toList();
          for (int i = 1; i < sorted.size(); i++) {
            WorkingHours a = sorted.get(i - 1);
            WorkingHours b = sorted.get(i);
            if (a.weekday().equals(b.weekday()) && b.start().isBefore(a.end())) {
              return Mono.error(Problems.unprocessable("Working hours overlap on " + DayOfWeek.of(a.weekday()) + ": "
                  + a.start() + "-" + a.end() + " and " + b.start() + "-" + b.end() + "."));
            }
          }
          List<UUID> rowIds = sorted.stream().map(h -> ids.next()).toList();
          // The hours are part of the provider: its version moves, so its snapshot event supersedes the last one.
          return providers.replaceHours(caller.tenantId(), providerId, sorted, rowIds, caller.apiKeyId())
              .then(providers.touch(caller.tenantId(), providerId, clock.instant(), caller.apiKeyId()))
              .then(provider(caller, providerId)).flatMap(events::provider).thenReturn(sorted);
        })
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()));
  }

  public Flux<WorkingHours> hours(Caller caller, UUID providerId) {
    return provider(caller, providerId).thenMany(providers.hours(providerId));
  }

  public Mono<TimeOff> addTimeOff(Caller caller, UUID providerId, Instant start, Instant end, String reason) {
    if (!end.isAfter(start)) {
      return Mono.error(Problems.invalid("end", "must be after start"));
    }
    // PostgreSQL keeps microseconds; cut here so the answer shows what later reads show.
    TimeOff timeOff = new TimeOff(ids.next(), start.truncatedTo(ChronoUnit.MICROS), end.truncatedTo(ChronoUnit.MICROS), reason);
    // The provider's snapshot (same version: time off is not in it) tells other instances' caches, see CatalogCache.
    return provider(caller, providerId)
        .flatMap(provider -> providers.insertTimeOff(caller.tenantId(), providerId, timeOff, clock.instant(), caller.apiKeyId())
            .then(events.provider(provider)))
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()))
        .thenReturn(timeOff);
  }

  /** The provider's time off by start, after {@code after} (a start and an id) when given, at most {@code limit}. */
  public Flux<TimeOff> timeOff(Caller caller, UUID providerId, PageCursor.Keyed after, int limit) {
    return provider(caller, providerId).thenMany(providers.timeOff(providerId, after, limit));
  }

  public Mono<Void> removeTimeOff(Caller caller, UUID providerId, UUID id) {
    return providers.deleteTimeOff(caller.tenantId(), providerId, id)
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Time off " + id)))
        .then(Mono.defer(() -> provider(caller, providerId)))
        .flatMap(events::provider)
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()))
        .then();
  }

  /** How many items a backfill published, per kind. */
  public record Snapshots(int locations, int services, int providers) {}

  /**
   * Publishes every location, service (soft-deleted ones too) and provider of the tenant as it is
   * now, in the caller's transaction: the backfill of data made before catalog events existed.
   */
  public Mono<Snapshots> publishSnapshots(UUID tenantId) {
    return events.snapshots(tenantId);
  }

  /** The public face of a service and provider; 404 when the service is unknown or deleted. */
  public Mono<PublicDescription> describe(UUID tenantId, UUID serviceId, UUID providerId) {
    return cache.get(tenantId, new Described(serviceId, providerId), () -> offerings.describe(tenantId, serviceId, providerId))
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Service " + serviceId)));
  }

  /** The provider, if it belongs to the tenant. */
  public Mono<Provider> provider(UUID tenantId, UUID id) {
    return providers.find(tenantId, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Provider " + id)));
  }

  private record Described(UUID serviceId, UUID providerId) {}

  private record Scheduled(UUID serviceId, Instant from, Instant to) {}

  /**
   * Schedules of the active providers (or the one given) offering a service, for availability, with
   * their time off overlapping [from, to) or a little more. They are read (and cached) for all the
   * service's providers at once and for whole blocks of seven UTC days around the range, so that a
   * burst's requests, whichever provider and day they ask for, share a few reads. Time off beyond
   * the range is still the provider's time off, so it changes no answer.
   */
  public Flux<ProviderSchedule> schedules(UUID tenantId, UUID serviceId, UUID providerId, Instant from, Instant to) {
    Instant blockFrom = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), SCHEDULE_BLOCK) * SCHEDULE_BLOCK);
    Instant blockTo = Instant.ofEpochSecond(Math.floorDiv(to.getEpochSecond() + SCHEDULE_BLOCK - 1, SCHEDULE_BLOCK) * SCHEDULE_BLOCK);
    return cache.get(tenantId, new Scheduled(serviceId, blockFrom, blockTo),
            () -> providers.schedules(tenantId, serviceId, null, blockFrom, blockTo).collectList())
        .flatMapMany(Flux::fromIterable)
        .filter(schedule -> providerId == null || schedule.providerId().equals(providerId));
  }

  /**
   * One check after the other, not in parallel: when one fails, a parallel sibling would be
   * cancelled mid-query, and a query cancelled in flight can leave an r2dbc-postgresql connection
   * waiting forever (see README, "Known driver hazards").
   */
  private Mono<Void> checkReferences(Caller caller, ProviderInput in) {
    return exists(locations.findAll(caller.tenantId(), in.locations()).map(Location::id), in.locations(), "locationIds", "location")
        .then(exists(offerings.findAll(caller.tenantId(), in.services()).map(Offering::id), in.services(), "serviceIds", "service"));
  }

  private static Mono<Void> exists(Flux<UUID> found, Collection<UUID> wanted, String field, String what) {
    return found.collectList().flatMap(present -> {
      List<UUID> missing = wanted.stream().filter(id -> !present.contains(id)).toList();
      return missing.isEmpty() ? Mono.<Void>empty() : Mono.error(Problems.unprocessable("Unknown " + what + "(s) in " + field + ": " + missing + "."));
    });
  }
}
