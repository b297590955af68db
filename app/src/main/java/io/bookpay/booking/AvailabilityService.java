package io.bookpay.booking;

import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.Offering;
import io.bookpay.catalog.ProviderSchedule;
import io.bookpay.catalog.ProviderSchedule.Range;
import io.bookpay.platform.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Free slots of a service, for one provider or every provider who offers it. Three reads whatever
 * the number of providers: the service, the providers' schedules (both from the catalog's cache),
 * and their busy ranges (from {@link BusyCache}).
 */
@Service
public class AvailabilityService {

  private final CatalogService catalog;
  private final BusyCache bookings;
  private final Clock clock;
  private final BookingProperties properties;

  AvailabilityService(CatalogService catalog, BusyCache bookings, Clock clock, BookingProperties properties) {
    this.catalog = catalog;
    this.bookings = bookings;
    this.clock = clock;
    this.properties = properties;
  }

  /** Slots starting in [from, to), ordered by start, then provider. */
  public Mono<List<Slot>> slots(UUID tenantId, UUID serviceId, UUID providerId, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Mono.error(Problems.invalid("to", "must be after 'from'"));
    }
    if (Duration.between(from, to).compareTo(Duration.ofDays(properties.maxAvailabilityDays())) > 0) {
      return Mono.error(Problems.invalid("to", "the range may span at most " + properties.maxAvailabilityDays() + " days"));
    }
    Instant now = clock.instant();
    return catalog.offering(tenantId, serviceId)
        .flatMap(service -> !service.active()
            ? Mono.just(List.<Slot>of())
            : catalog.schedules(tenantId, serviceId, providerId, from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)))
                .collectList()
                .flatMap(schedules -> slots(service, schedules, now, from, to)));
  }

  private Mono<List<Slot>> slots(Offering service, List<ProviderSchedule> schedules, Instant now, Instant from, Instant to) {
    if (schedules.isEmpty()) {
      return Mono.just(List.of());
    }
    Duration reach = service.bufferBefore().plus(service.bufferAfter()).plus(service.duration());
    return bookings.busy(schedules.stream().map(ProviderSchedule::providerId).toList(), from.minus(reach), to.plus(reach), now)
        .map(ranges -> ranges.stream().collect(Collectors.groupingBy(BookingRepository.BusyRange::providerId,
            Collectors.mapping(BookingRepository.BusyRange::range, Collectors.toList()))))
        .map(busy -> {
          List<Slot> slots = new ArrayList<>();
          for (ProviderSchedule schedule : schedules) {
            List<Range> providerBusy = busy.getOrDefault(schedule.providerId(), List.of());
            slots.addAll(AvailabilityEngine.slots(service, schedule, providerBusy, now, from, to));
          }
          slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::providerId));
          return slots;
        });
  }

}
