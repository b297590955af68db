package io.bookpay.link;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.booking.AvailabilityService;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.NewBooking;
import io.bookpay.booking.WithBooking;
import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.PublicDescription;
import io.bookpay.customer.CustomerService;
import io.bookpay.customer.NewCustomer;
import io.bookpay.events.link.LinkCreated;
import io.bookpay.events.link.LinkRevoked;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.tenant.Tenant;
import io.bookpay.tenant.TenantService;
import io.bookpay.tracking.CustomEventInput;
import io.bookpay.tracking.TrackingService;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Links for owners (create, list, revoke) and for the public (view, slots, book). The public side
 * serves bursts: a link's public face is cached briefly, views are counted in memory, and the only
 * writes are the booking's own transaction, which also counts the use (so a single-use link books
 * exactly once however many clients race for it).
 */
@Service
public class LinkService {

  /** A link with everything its public page shows, as cached. */
  record Resolved(Link link, PublicDescription description, Tenant tenant, ByteBuffer tokenHash) {}

  private final LinkRepository links;
  private final CatalogService catalog;
  private final CustomerService customers;
  private final TenantService tenants;
  private final BookingService bookings;
  private final AvailabilityService availability;
  private final LinkViews views;
  private final TrackingService tracking;
  private final PublicRateLimits limits;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  /** Read here, at startup: loading its SQL file on an event loop would block it. */
  private final String usedLink = LinkSqlFragments.USED_LINK;
  private final LinkProperties properties;
  private final LinkTokens tokens = new LinkTokens();
  private final Cache<ByteBuffer, Resolved> cache;

  LinkService(LinkRepository links, CatalogService catalog, CustomerService customers, TenantService tenants, BookingService bookings,
      AvailabilityService availability, LinkViews views, TrackingService tracking, PublicRateLimits limits, Outbox outbox,
      TransactionalOperator tx, Ids ids, Clock clock, LinkProperties properties) {
    this.tracking = tracking;
    this.links = links;
    this.catalog = catalog;
    this.customers = customers;
    this.tenants = tenants;
    this.bookings = bookings;
    this.availability = availability;
    this.views = views;
    this.limits = limits;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
    this.properties = properties;
    this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.cacheTtl()).build();
  }

  // --- owners ---

  public Mono<CreatedLink> create(Caller caller, NewLink request) {
    Instant now = clock.instant();
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      return Mono.error(Problems.invalid("expiresAt", "must be in the future"));
    }
    NewLink.CustomerRef ref = request.customer();
    UUID customerId = ref == null ? null : ref.customerId();
    Link.Prefill prefill = ref == null || customerId != null ? new Link.Prefill(null, null, null) : new Link.Prefill(ref.name(), ref.email(), ref.phone());
    // PostgreSQL keeps microseconds; cut here so the creation answer shows what later reads show.
    Link link = new Link(ids.next(), caller.tenantId(), request.serviceId(), request.providerId(), customerId, prefill,
        micros(request.validFrom()), micros(request.expiresAt()), request.maxUses(), 0, null, micros(now), null).at(now);
    String token = tokens.generate();
    return checkReferences(caller, request, customerId)
        .then(links.insert(link, LinkTokens.hash(token), caller.apiKeyId()))
        .then(outbox.append(caller.tenantId(), new LinkCreated(link.id(), link.serviceId(), link.providerId(), link.customerId(),
            link.validFrom(), link.expiresAt(), link.maxUses())))
        .as(tx::transactional)
        .thenReturn(new CreatedLink(link, token, properties.publicBaseUrl() + token));
  }

  private Mono<Void> checkReferences(Caller caller, NewLink request, UUID customerId) {
    // Unknown references in the body are 422 (the URL was fine), as everywhere else.
    Mono<Void> service = Problems.referenced(catalog.offering(caller.tenantId(), request.serviceId()), "Service " + request.serviceId()).then();
    Mono<Void> provider = request.providerId() == null ? Mono.empty()
        : Problems.referenced(catalog.provider(caller.tenantId(), request.providerId()), "Provider " + request.providerId())
            .filter(p -> p.serviceIds().contains(request.serviceId()))
            .switchIfEmpty(Mono.error(() -> Problems.unprocessable(
                "Provider " + request.providerId() + " does not offer service " + request.serviceId() + ".")))
            .then();
    Mono<Void> customer = customerId == null ? Mono.empty()
        : Problems.referenced(customers.get(caller, customerId), "Customer " + customerId).then();
    return service.then(provider).then(customer);
  }

  public Mono<Link> get(Caller caller, UUID id) {
    return links.find(caller.tenantId(), id, clock.instant()).switchIfEmpty(Mono.error(() -> ApiException.notFound("Link " + id)));
  }

  public Mono<List<Link>> list(Caller caller, UUID after, int limit) {
    return links.list(caller.tenantId(), after, limit, clock.instant()).collectList();
  }

  /** Revokes; revoking again changes nothing. The public side answers 410 at once on this instance. */
  public Mono<Link> revoke(Caller caller, UUID id) {
    Instant now = clock.instant();
    return links.revoke(caller.tenantId(), id, now, caller.apiKeyId())
        .flatMap(hash -> outbox.append(caller.tenantId(), new LinkRevoked(id)).doOnSuccess(done -> cache.invalidate(hash)).then())
        .as(tx::transactional)
        .then(get(caller, id));
  }

  // --- public ---

  public Mono<PublicLink> view(String token, String clientIp) {
    return usable(token, clientIp, false).map(resolved -> {
      views.record(resolved.link().tenantId(), resolved.link().id());
      return toPublic(resolved);
    });
  }

  /**
   * Publishes the views and slot searches counted so far now, instead of at the next flush: the demo
   * seeder, which moves the clock, has them land at the time it made them.
   */
  public Mono<Void> publishCounts() {
    return views.flush();
  }

  /**
   * Free times through the link, each once, in order: several providers free at one time show as
   * one time (booking it assigns one of them), and no provider or location id leaves. Each query
   * counts as a slot search (published in batches as LinkSlotsSearched).
   */
  public Mono<List<PublicSlot>> slots(String token, String clientIp, Instant from, Instant to) {
    return usable(token, clientIp, true).doOnNext(resolved -> views.record(resolved.link().tenantId(), resolved.link().id(),
            LinkViews.Kind.SLOT_SEARCH))
        .flatMap(resolved -> availability.slots(resolved.link().tenantId(), resolved.link().serviceId(), resolved.link().providerId(), from, to)
            .map(slots -> slots.stream().map(s -> new PublicSlot(s.start(), s.end())).distinct()
                .sorted(Comparator.comparing(PublicSlot::start).thenComparing(PublicSlot::end)).toList()));
  }

  /**
   * Books through the link: the use is counted in the booking's transaction, and refused (410) once
   * used up. Details the client typed are the client's word: they may find an existing customer by
   * email, but never change that customer, and the booking says it was not verified.
   */
  public Mono<PublicBooking> book(String token, String clientIp, Instant start, NewCustomer customer) {
    return book(token, clientIp, start, customer, (link, booking) -> Mono.empty());
  }

  /** As above, with {@code alsoInTransaction} run in the booking's transaction (the page records its booking there). */
  Mono<PublicBooking> book(String token, String clientIp, Instant start, NewCustomer customer,
      java.util.function.BiFunction<Link, io.bookpay.booking.Booking, Mono<Void>> alsoInTransaction) {
    return usable(token, clientIp, true).flatMap(resolved -> {
      Link link = resolved.link();
      NewCustomer who = link.customerId() != null ? null : customerFor(link, customer);
      BookingService.Booker booker = link.customerId() == null && customer != null
          ? BookingService.Booker.PUBLIC_CLIENT : BookingService.Booker.BUSINESS;
      NewBooking request = new NewBooking(link.serviceId(), link.providerId(), link.customerId(), who, start, false, null);
      // The link's use is made in the booking's own statement: the booking exists only if the use does.
      WithBooking<LinkRepository.Use> use = new WithBooking<>("used_link", usedLink,
          Map.of("linkId", Parameter.from(link.id()), "now", Parameter.from(clock.instant())), LinkRepository::use,
          (booking, used) -> used.map(u -> outbox.append(link.tenantId(), new LinkUsed(link.id(), booking.id(), u.uses()))
                  .doOnSuccess(done -> {
                    if (u.exhausted()) {
                      cache.invalidate(u.tokenHash());
                    }
                  })
                  .then(alsoInTransaction.apply(link, booking)))
              .orElseGet(() -> whyUnusable(resolved).then()));
      return bookings.create(Caller.link(link.tenantId(), link.id()), request, booker, use)
          .onErrorMap(LinkService::namesInternals, LinkService::inPublicWords)
          .map(PublicBooking::of);
    });
  }

  /**
   * Custom analytics events from the link's page (also before the link opens: the page can be
   * viewed then). They name the link, and its customer when it names one; a budget of their own.
   */
  public Mono<Integer> recordEvents(String token, String clientIp, List<CustomEventInput> events) {
    return usable(token, clientIp, false, link -> limits.events(link, events.size()))
        .flatMap(resolved -> tracking.recordForLink(resolved.link().tenantId(), resolved.link().id(), resolved.link().customerId(), events));
  }

  /** The booking path's 404 and 422 details name services, providers and customers by id: fine for the API, not here. */
  private static boolean namesInternals(Throwable e) {
    return e instanceof ApiException a && (a.type() == ProblemType.NOT_FOUND || a.type() == ProblemType.UNPROCESSABLE);
  }

  private static Throwable inPublicWords(Throwable e) {
    ApiException a = (ApiException) e;
    Object code = a.properties().get("code");
    return new ApiException(ProblemType.UNPROCESSABLE,
        "This time cannot be booked through this link; pick one of the link's free times.",
        code == null ? Map.of() : Map.of("code", code));
  }

  /** Used up, revoked or expired since it was resolved (a concurrent request won): say which. */
  private Mono<LinkRepository.Use> whyUnusable(Resolved resolved) {
    Instant now = clock.instant();
    Link link = resolved.link();
    return links.find(link.tenantId(), link.id(), now).flatMap(fresh -> {
      cache.invalidate(resolved.tokenHash());
      LinkStatus status = fresh.status(now);
      return Mono.error(status == LinkStatus.ACTIVE
          ? new ApiException(ProblemType.CONFLICT, "This link opens at " + fresh.validFrom() + ".")
          : gone(status));
    });
  }

  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static NewCustomer customerFor(Link link, NewCustomer given) {
    if (given != null) {
      return given;
    }
    Link.Prefill p = link.prefill();
    if (p.name() != null && (p.email() != null || p.phone() != null)) {
      return new NewCustomer(p.name(), p.email(), p.phone());
    }
    throw Problems.invalid("customer", "is required: this link does not know who you are");
  }

  /**
   * The link behind a token if it may be used now, after the rate limits: 429 when over a limit,
   * 404 for an unknown token, 410 when revoked, expired or used up, 409 before validFrom (for
   * slots and bookings; the page itself can be viewed early).
   */
  Mono<Resolved> usable(String token, String clientIp, boolean mustBeValidNow) {
    return usable(token, clientIp, mustBeValidNow, limits::token);
  }

  /** As above, with the link's own budget taken from {@code perLink} (keyed by the link id). */
  private Mono<Resolved> usable(String token, String clientIp, boolean mustBeValidNow, Consumer<String> perLink) {
    return Mono.defer(() -> {
      // The per-address limits ran in PublicLinkRateLimitFilter, before the request cost anything.
      if (!LinkTokens.wellFormed(token)) {
        limits.unknownToken(clientIp);
        return Mono.error(unknown());
      }
      ByteBuffer hash = LinkTokens.hash(token);
      return resolve(hash)
          .switchIfEmpty(Mono.defer(() -> {
            limits.unknownToken(clientIp);
            return Mono.error(unknown());
          }))
          .map(resolved -> {
            perLink.accept(resolved.link().id().toString());
            Instant now = clock.instant();
            LinkStatus status = resolved.link().status(now);
            if (status != LinkStatus.ACTIVE) {
              throw gone(status);
            }
            if (mustBeValidNow && resolved.link().validFrom() != null && now.isBefore(resolved.link().validFrom())) {
              throw new ApiException(ProblemType.CONFLICT, "This link opens at " + resolved.link().validFrom() + ".",
                  Map.of("validFrom", resolved.link().validFrom().toString()));
            }
            return resolved;
          });
    });
  }

  private Mono<Resolved> resolve(ByteBuffer hash) {
    Resolved cached = cache.getIfPresent(hash);
    if (cached != null) {
      return Mono.just(cached);
    }
    // Sequential on purpose: a parallel zip cancels its sibling query when one fails (see README).
    return links.findByToken(hash, clock.instant())
        .flatMap(link -> describe(link, hash))
        .doOnNext(resolved -> cache.put(hash, resolved));
  }

  /** A link with what its page shows (never cached: for pages of bookings made through it). */
  Mono<Resolved> describe(Link link, ByteBuffer tokenHash) {
    return catalog.describe(link.tenantId(), link.serviceId(), link.providerId())
        .flatMap(description -> tenants.get(link.tenantId()).map(tenant -> new Resolved(link, description, tenant, tokenHash)));
  }

  private PublicLink toPublic(Resolved r) {
    Link link = r.link();
    PublicDescription d = r.description();
    return new PublicLink(r.tenant().publicName(),
        new PublicLink.Service(d.serviceName(), d.durationMinutes(), d.priceAmount(), d.currency()),
        link.providerId() == null ? null : new PublicLink.Provider(d.providerName()),
        d.timeZone(), link.status(clock.instant()), link.validFrom(), link.expiresAt(),
        link.maxUses() == null ? null : link.maxUses() - link.uses(), link.prefill());
  }

  private static ApiException unknown() {
    return new ApiException(ProblemType.NOT_FOUND, "No such link.");
  }

  private static ApiException gone(LinkStatus status) {
    String why = switch (status) {
      case REVOKED -> "was revoked";
      case EXPIRED -> "has expired";
      case EXHAUSTED -> "has been used up";
      case ACTIVE -> "is not available";
    };
    return new ApiException(ProblemType.GONE, "This link " + why + ".", Map.of("linkStatus", status.name()));
  }
}
