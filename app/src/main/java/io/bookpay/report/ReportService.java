package io.bookpay.report;

import io.bookpay.platform.web.Problems;
import io.bookpay.projection.ProjectionStatus;
import io.bookpay.projection.analytics.AnalyticsProjection;
import io.bookpay.projection.analytics.AnalyticsReports;
import io.bookpay.projection.analytics.AnalyticsReports.BookingFilter;
import io.bookpay.projection.finance.FinanceProjection;
import io.bookpay.projection.finance.FinanceReports;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reports, computed from the projections for one tenant: the one place their numbers are made,
 * for the report API and for the dashboard alike. Each answer is cached briefly per tenant and query
 * ({@link ReportCache}; {@code bypassCache} skips it) and carries its projection's freshness. Scopes
 * are the caller's business: this service trusts the tenant it is given.
 */
@Service
public class ReportService {

  private final AnalyticsReports analytics;
  private final FinanceReports finance;
  private final ProjectionStatus status;
  private final ReportCache cache;
  private final Clock clock;

  ReportService(AnalyticsReports analytics, FinanceReports finance, ProjectionStatus status, ReportCache cache, Clock clock) {
    this.analytics = analytics;
    this.finance = finance;
    this.status = status;
    this.cache = cache;
    this.clock = clock;
  }

  public Mono<BookingsReport> bookings(UUID tenant, ReportRange range, boolean bypassCache) {
    return bookings(tenant, range, new BookingFilter(null, null, null, null), bypassCache);
  }

  Mono<BookingsReport> bookings(UUID tenant, ReportRange range, BookingFilter filter, boolean bypassCache) {
    return cache.get(tenant, "bookings/" + range.key() + "/" + filter, bypassCache, () -> analytics.zone(tenant)
            .flatMap(zone -> analytics.bookings(tenant, range.from(), range.to(), filter).collectList()
                .map(rows -> BookingsReport.of(range, zone.getId(), rows))))
        .flatMap(report -> analyticsFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  public Mono<FunnelReport> funnel(UUID tenant, ReportRange range, UUID linkId, boolean bypassCache) {
    return cache.get(tenant, "funnel/" + range.key() + "/" + linkId, bypassCache, () -> analytics.zone(tenant)
            .flatMap(zone -> analytics.funnel(tenant, range.from(), range.to(), linkId).collectList()
                .map(rows -> FunnelReport.of(range, zone.getId(), rows))))
        .flatMap(report -> analyticsFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  public Mono<ClaimsReport> claims(UUID tenant, ReportRange range, boolean bypassCache) {
    return cache.get(tenant, "claims/" + range.key(), bypassCache, () -> analytics.zone(tenant)
            .flatMap(zone -> analytics.claims(tenant, range.from(), range.to()).collectList()
                .map(rows -> ClaimsReport.of(range, zone.getId(), rows))))
        .flatMap(report -> analyticsFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  public Mono<UtilisationReport> utilisation(UUID tenant, ReportRange range, UUID providerId, boolean bypassCache) {
    return cache.get(tenant, "utilisation/" + range.key() + "/" + providerId, bypassCache, () -> analytics.zone(tenant)
            .flatMap(zone -> analytics.schedules(tenant, providerId)
                .flatMap(schedules -> analytics.locationZones(tenant)
                    .flatMap(locations -> {
                      Instant[] window = UtilisationReport.bookingWindow(range, zone);
                      return analytics.booked(tenant, window[0], window[1], providerId).collectList()
                          .map(booked -> UtilisationReport.of(range, zone, schedules, locations, booked));
                    }))))
        .flatMap(report -> analyticsFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  /** The tenant's time zone as the analytics projection knows it (UTC until it learns one). */
  public Mono<ZoneId> zone(UUID tenant) {
    return analytics.zone(tenant);
  }

  /** The currencies the tenant has money figures in, sorted. */
  public Mono<List<String>> currencies(UUID tenant) {
    return finance.currencies(tenant);
  }

  /** @param currency an ISO 4217 code, or null for the tenant's only currency (400 when it has several) */
  public Mono<FinancialReport> financial(UUID tenant, ReportRange range, String currency, boolean bypassCache) {
    String requested = FinanceCurrency.requested(currency);
    return answer(tenant, "financial/" + range.key() + "/" + requested, bypassCache, requested, (zone, money) -> Mono.zip(
            rows(money, () -> finance.money(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.lineKinds(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.invoiced(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.serviceRevenue(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.insurance(tenant, money, range.from(), range.to())))
        .map(r -> FinancialReport.of(range, zone.getId(), money, r.getT1(), r.getT2(), r.getT3(), r.getT4(), r.getT5())))
        .flatMap(report -> financeFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  /** @param on the day, in the tenant's zone; null for today there */
  public Mono<ReceivablesReport> receivables(UUID tenant, LocalDate on, String currency, boolean bypassCache) {
    if (on != null && (on.isBefore(ReportRange.EARLIEST) || on.isAfter(ReportRange.LATEST))) {
      throw Problems.invalid("on", "must be between " + ReportRange.EARLIEST + " and " + ReportRange.LATEST);
    }
    String requested = FinanceCurrency.requested(currency);
    return answer(tenant, "receivables/" + on + "/" + requested, bypassCache, requested, (zone, money) -> {
          LocalDate day = on != null ? on : LocalDate.ofInstant(clock.instant(), zone);
          return rows(money, () -> finance.openInvoices(tenant, money, day))
              .map(open -> ReceivablesReport.of(money, day, zone.getId(), open));
        })
        .flatMap(report -> financeFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  Mono<GiftCardsReport> giftCards(UUID tenant, ReportRange range, String currency, boolean bypassCache) {
    String requested = FinanceCurrency.requested(currency);
    return answer(tenant, "gift-cards/" + range.key() + "/" + requested, bypassCache, requested, (zone, money) ->
            rows(money, () -> finance.giftCards(tenant, money, range.to()))
                .map(moves -> GiftCardsReport.of(range, zone.getId(), money, moves)))
        .flatMap(report -> financeFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  Mono<PackagesReport> packages(UUID tenant, ReportRange range, String currency, boolean bypassCache) {
    String requested = FinanceCurrency.requested(currency);
    return answer(tenant, "packages/" + range.key() + "/" + requested, bypassCache, requested, (zone, money) ->
            rows(money, () -> finance.packages(tenant, money, range.to()))
                .map(moves -> PackagesReport.of(range, zone.getId(), money, moves)))
        .flatMap(report -> financeFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  Mono<MembershipsReport> memberships(UUID tenant, ReportRange range, String currency, boolean bypassCache) {
    String requested = FinanceCurrency.requested(currency);
    return answer(tenant, "memberships/" + range.key() + "/" + requested, bypassCache, requested, (zone, money) ->
            rows(money, () -> finance.memberships(tenant, money, range.to()))
                .map(rows -> MembershipsReport.of(range, zone, money, rows)))
        .flatMap(report -> financeFreshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  /**
   * The cached answer, or one computed in the tenant's zone and its one currency (the one asked for,
   * or its only one; several without one asked is a 400, none gives null).
   */
  private <T> Mono<T> answer(UUID tenant, String query, boolean bypassCache, String requested,
      BiFunction<ZoneId, String, Mono<T>> compute) {
    return cache.get(tenant, query, bypassCache, () -> finance.zone(tenant)
        .flatMap(zone -> finance.currencies(tenant)
            .flatMap(currencies -> compute.apply(zone, FinanceCurrency.resolve(requested, currencies)))));
  }

  /** No currency (a tenant without figures) reads nothing. */
  private static <R> Mono<List<R>> rows(String currency, Supplier<Flux<R>> query) {
    return currency == null ? Mono.just(List.of()) : query.get().collectList();
  }

  private Mono<ProjectionStatus.Freshness> analyticsFreshness() {
    return status.freshness(AnalyticsProjection.CONSUMER);
  }

  private Mono<ProjectionStatus.Freshness> financeFreshness() {
    return status.freshness(FinanceProjection.CONSUMER);
  }
}
