package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The one page shape and cursor codec, without a database. */
class PageTest {

  private static final UUID ID = UUID.fromString("0196f1b2-7c3e-7b2a-95f4-3b8e1d5c6a01");

  @Test
  void cursorsRoundTripAndReadTheOnesMadeBeforeThem() {
    assertThat(PageCursor.id(PageCursor.after(ID))).isEqualTo(ID);
    Instant at = Instant.parse("2030-01-01T09:00:00.123456Z");
    assertThat(PageCursor.keyed(PageCursor.after(at, ID))).isEqualTo(new PageCursor.Keyed(at, ID));
    assertThat(PageCursor.count(PageCursor.afterCount(42))).isEqualTo(42);
    // The customers' and links' cursors, the bookings' cursor, and the bare id invoices and claims answered.
    assertThat(PageCursor.id("MDE5NmYxYjItN2MzZS03YjJhLTk1ZjQtM2I4ZTFkNWM2YTAx")).isEqualTo(ID);
    assertThat(PageCursor.keyed("MjAzMC0wMS0wMVQwOTowMDowMFp8MDE5NmYxYjItN2MzZS03YjJhLTk1ZjQtM2I4ZTFkNWM2YTAx"))
        .isEqualTo(new PageCursor.Keyed(Instant.parse("2030-01-01T09:00:00Z"), ID));
    assertThat(PageCursor.id(ID.toString())).isEqualTo(ID);
    assertThat(PageCursor.id(null)).isNull();
    assertThat(PageCursor.keyed(" ")).isNull();
    assertThat(PageCursor.count(null)).isZero();
  }

  @Test
  void aCursorThisApiDidNotMakeIsA400NamingTheCursor() {
    for (String wrong : List.of("***", "bm90LWEtY3Vyc29y", PageCursor.afterCount(3), PageCursor.after(Instant.EPOCH, ID))) {
      assertThatThrownBy(() -> PageCursor.id(wrong)).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION));
    }
    assertThatThrownBy(() -> PageCursor.keyed(PageCursor.after(ID))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> PageCursor.count(PageCursor.after(ID))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> PageCursor.count(PageCursor.afterCount(-1))).isInstanceOf(ApiException.class);
  }

  @Test
  void aDeprecatedNameStandsInForCursorButNotBesideIt() {
    assertThat(PageCursor.either(null, "after", "x")).isEqualTo("x");
    assertThat(PageCursor.either("c", "after", null)).isEqualTo("c");
    assertThatThrownBy(() -> PageCursor.either("c", "after", "x")).isInstanceOf(ApiException.class).hasMessageContaining("'after'");
  }

  @Test
  void idsCompareAsPostgresqlOrdersThem() {
    UUID low = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
    UUID high = UUID.fromString("80000000-0000-7000-8000-000000000000"); // negative as a signed long
    assertThat(PageCursor.compare(low, high)).isNegative();
    assertThat(low.compareTo(high)).isPositive();
    assertThat(PageCursor.compare(ID, ID)).isZero();
  }

  @Test
  void aPageFromLimitPlusOneRowsPointsToItsLastItem() {
    Page<Integer> full = Page.of(List.of(1, 2, 3), 2, String::valueOf);
    assertThat(full.items()).containsExactly(1, 2);
    assertThat(full.nextCursor()).isEqualTo("2");
    assertThat(Page.of(List.of(1, 2), 2, String::valueOf).nextCursor()).isNull();
  }

  @Test
  void afterIdWalksAListAndKeepsItsPlaceWhenTheCursorsItemIsGone() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(new UUID(0x0196_0000_0000_7000L + i, 0x8000_0000_0000_0000L));
    }
    Page<UUID> first = Page.afterId(Flux.fromIterable(ids), null, 2, id -> id).block();
    assertThat(first.items()).containsExactly(ids.get(0), ids.get(1));
    List<UUID> without = new ArrayList<>(ids);
    without.remove(1);
    Page<UUID> second = Page.afterId(Flux.fromIterable(without), first.nextCursor(), 2, id -> id).block();
    assertThat(second.items()).containsExactly(ids.get(2), ids.get(3));
    Page<UUID> last = Page.afterId(Flux.fromIterable(ids), second.nextCursor(), 2, id -> id).block();
    assertThat(last.items()).containsExactly(ids.get(4));
    assertThat(last.nextCursor()).isNull();
  }

  @Test
  void afterCountStopsReadingAfterThePage() {
    AtomicInteger read = new AtomicInteger();
    Flux<Integer> rows = Flux.range(1, 1_000).doOnNext(i -> read.incrementAndGet());
    Page<Integer> second = Page.afterCount(rows, PageCursor.afterCount(3), 3).block();
    assertThat(second.items()).containsExactly(4, 5, 6);
    assertThat(PageCursor.count(second.nextCursor())).isEqualTo(6);
    assertThat(read.get()).isLessThan(20);
    assertThat(Page.afterCount(Flux.range(1, 6), second.nextCursor(), 3).block().items()).isEmpty();
  }
}
