package io.bookpay.link;

import io.bookpay.booking.Booking;
import io.bookpay.booking.BookingService;
import io.bookpay.booking.BookingStatus;
import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.Offering;
import io.bookpay.customer.NewCustomer;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The booking page behind a link (served by the page package): the same rules, limits and funnel
 * counts as the JSON API, plus what only a page needs. A page's form carries a key of its own (256
 * random bits, made for that form): booking with it twice books once, and once booked it is the
 * token of the booking's confirmation and cancel pages, stored only as its SHA-256.
 */
@Service
public class LinkPageService {

  /** How the booking history names a client who cancelled on the page. */
  static final String CLIENT_ACTOR = "client:link";

  private final LinkService links;
  private final LinkRepository linkRows;
  private final PageBookingRepository pageBookings;
  private final BookingService bookings;
  private final CatalogService catalog;
  private final PublicRateLimits limits;
  private final LinkViews views;
  private final Clock clock;
  private final LinkTokens tokens = new LinkTokens();
  private final LinkProperties properties;
  private final io.bookpay.platform.web.ClientAddress clients;

  LinkPageService(LinkService links, LinkRepository linkRows, PageBookingRepository pageBookings, BookingService bookings,
      CatalogService catalog, PublicRateLimits limits, LinkViews views, Clock clock, LinkProperties properties) {
    this.properties = properties;
    this.clients = new io.bookpay.platform.web.ClientAddress(properties.trustedProxies());
    this.views = views;
    this.links = links;
    this.linkRows = linkRows;
    this.pageBookings = pageBookings;
    this.bookings = bookings;
    this.catalog = catalog;
    this.limits = limits;
    this.clock = clock;
  }

  /** The client's address as the link's limits count it (X-Forwarded-For only from the trusted proxies). */
  public String clientOf(org.springframework.http.server.reactive.ServerHttpRequest request) {
    return clients.of(request);
  }

  /** The absolute address of a booking's confirmation page (for its calendar file). */
  public String bookingPageUrl(String pageToken) {
    return properties.publicBaseUrl() + "booking/" + pageToken;
  }

  /** A fresh key for one booking form. */
  public String newFormKey() {
    return tokens.generate();
  }

  /** The page of a link; counts as a view of the funnel (LinkViewed), as the JSON view does. 404, 410, 429 as there. */
  public Mono<LinkPage> open(String token, String clientIp) {
    return perAddress(clientIp).then(links.usable(token, clientIp, false)).map(resolved -> {
      views.record(resolved.link().tenantId(), resolved.link().id());
      return LinkPage.of(resolved, resolved.link().status(clock.instant()));
    });
  }

  /** Free times, as in the JSON API: counts as a slot search of the funnel (LinkSlotsSearched). 409 before the link opens. */
  public Mono<List<PublicSlot>> slots(String token, String clientIp, Instant from, Instant to) {
    return perAddress(clientIp).then(links.slots(token, clientIp, from, to));
  }

  /**
   * The free times nearest to {@code wanted} (within a week either side), at most {@code count}:
   * what a client whose time was just taken is offered instead.
   */
  public Mono<List<PublicSlot>> nearest(String token, String clientIp, Instant wanted, int count) {
    Instant now = clock.instant();
    Instant from = wanted.minus(Duration.ofDays(7)).isBefore(now) ? now : wanted.minus(Duration.ofDays(7));
    return links.slots(token, clientIp, from, wanted.plus(Duration.ofDays(7)))
        .map(slots -> slots.stream()
            .sorted(Comparator.comparing((PublicSlot s) -> Duration.between(wanted, s.start()).abs()).thenComparing(PublicSlot::start))
            .limit(count).sorted(Comparator.comparing(PublicSlot::start)).toList());
  }

  /**
   * Books from the page's form. Returns the form key, now the booking's page token. A key already
   * used (a double tap, or a reload of the posted form) answers with that booking, not a second.
   */
  public Mono<String> book(String token, String clientIp, String formKey, Instant start, NewCustomer customer, boolean consent) {
    if (!LinkTokens.wellFormed(formKey)) {
      return Mono.error(Problems.invalid("key", "the form is out of date: open the link again"));
    }
    ByteBuffer hash = LinkTokens.hash(formKey);
    return perAddress(clientIp)
        .then(pageBookings.find(hash).map(existing -> formKey))
        .switchIfEmpty(Mono.defer(() -> links.book(token, clientIp, start, customer,
                (link, booking) -> pageBookings.insert(hash, link.tenantId(), link.id(), booking.id(), consent, clock.instant()))
            .thenReturn(formKey)
            // A concurrent tap with the same key won (its row exists): show that booking instead of this one's error.
            .onErrorResume(e -> pageBookings.find(hash).map(existing -> formKey).switchIfEmpty(Mono.error(e)))));
  }

  /**
   * Whether a booking was already made with this form key: a double tap, or the form posted again
   * after the link was used up by that very booking, shows that booking rather than a refusal.
   */
  public Mono<Boolean> bookedWith(String formKey, String clientIp) {
    return perAddress(clientIp).then(Mono.defer(() -> LinkTokens.wellFormed(formKey)
        ? pageBookings.find(LinkTokens.hash(formKey)).hasElement() : Mono.just(false)));
  }

  /** The booking behind a page token: 404 for a token nobody holds. */
  public Mono<PageBooked> booked(String pageToken, String clientIp) {
    return perAddress(clientIp).then(row(pageToken, clientIp)).flatMap(this::load).map(Loaded::view);
  }

  /**
   * Cancels the booking behind a page token, if it is active and its start is at least the
   * service's minimum notice away; otherwise 409 saying until when it could be cancelled. The
   * history names the actor {@value #CLIENT_ACTOR}. Cancelling a cancelled booking changes nothing.
   */
  public Mono<PageBooked> cancel(String pageToken, String clientIp) {
    return perAddress(clientIp).then(row(pageToken, clientIp)).flatMap(this::load).flatMap(loaded -> {
      if (loaded.booking().status() == BookingStatus.CANCELLED) {
        return Mono.just(loaded.view());
      }
      if (!loaded.view().cancellable()) {
        return Mono.error(new ApiException(ProblemType.CONFLICT, loaded.booking().status().isActive()
            ? "This appointment can no longer be cancelled online: the business needs notice until "
                + loaded.view().cancellableUntil() + ". Please contact them."
            : "This appointment is " + loaded.booking().status().name().toLowerCase(java.util.Locale.ROOT) + " and cannot be cancelled.",
            Map.of("cancellableUntil", loaded.view().cancellableUntil().toString())));
      }
      Caller client = new Caller(loaded.row().tenantId(), null, Set.of(Scope.BOOKINGS_WRITE), CLIENT_ACTOR);
      return bookings.transition(client, loaded.booking().id(), BookingStatus.CANCELLED, "cancelled by the client on the booking page", null)
          .then(load(loaded.row())).map(Loaded::view);
    });
  }

  private record Loaded(PageBookingRepository.Row row, Booking booking, PageBooked view) {}

  private Mono<PageBookingRepository.Row> row(String pageToken, String clientIp) {
    Mono<PageBookingRepository.Row> unknown = Mono.fromCallable(() -> {
      limits.unknownToken(clientIp);
      throw new ApiException(ProblemType.NOT_FOUND, "No such booking.");
    });
    if (!LinkTokens.wellFormed(pageToken)) {
      return unknown;
    }
    return pageBookings.find(LinkTokens.hash(pageToken))
        .doOnNext(row -> limits.token(row.linkId().toString()))
        .switchIfEmpty(unknown);
  }

  private Mono<Loaded> load(PageBookingRepository.Row row) {
    Instant now = clock.instant();
    Caller link = Caller.link(row.tenantId(), row.linkId());
    return linkRows.find(row.tenantId(), row.linkId(), now)
        .flatMap(l -> links.describe(l, null))
        .flatMap(resolved -> bookings.get(link, row.bookingId())
            .flatMap(booking -> catalog.offering(row.tenantId(), booking.serviceId()).map(Offering::minNotice)
                .onErrorResume(e -> Mono.just(Duration.ZERO)) // a deleted service: the start alone decides
                .map(notice -> {
                  Instant until = booking.start().minus(notice);
                  boolean cancellable = booking.status().isActive() && clock.instant().isBefore(until);
                  PageBooked view = new PageBooked(LinkPage.of(resolved, resolved.link().status(now)), booking.status(), booking.start(),
                      booking.end(), booking.priceAmount(), booking.currency(), until, cancellable);
                  return new Loaded(row, booking, view);
                })));
  }

  private Mono<Void> perAddress(String clientIp) {
    return Mono.fromRunnable(() -> {
      limits.ip(clientIp);
      limits.checkUnknownBudget(clientIp);
    });
  }
}
