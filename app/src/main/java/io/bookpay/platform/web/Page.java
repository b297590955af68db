package io.bookpay.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The answer of every list: {@code {"items": [...], "nextCursor": "..."}}. A list takes
 * {@code cursor} (the {@code nextCursor} of the page before) and {@code limit} (1 to 200, default
 * 50); {@code nextCursor} is null, and present, on the last page.
 *
 * <p>Lists that grow with a tenant's business (customers, bookings, invoices, ...) read one page in
 * SQL, ordered by an index. Lists bounded by their owner (a payment's refunds, a plan's rules, a
 * tenant's services) are read in id order and cut here: {@link #afterId} skips what the cursor has
 * passed and stops reading after the page.
 */
@Schema(description = "One page of a list. Pass nextCursor as `cursor` to read the next page; it is null on the last page.")
public record Page<T>(
    @Schema(description = "The page's items, in the list's order", requiredMode = Schema.RequiredMode.REQUIRED)
    List<T> items,
    @Schema(description = "The cursor of the next page; null on the last page", requiredMode = Schema.RequiredMode.REQUIRED,
        nullable = true, types = {"string", "null"}, example = "MDE5NmYxYjItN2MzZS03YjJhLTk1ZjQtM2I4ZTFkNWM2YTAx")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    String nextCursor) {

  /** The default of a list's {@code limit} parameter. */
  public static final String DEFAULT_LIMIT = "50";
  public static final int MAX_LIMIT = 200;

  /**
   * A page from rows read with {@code limit + 1}: the extra row only says that another page
   * follows, whose cursor is that of this page's last item.
   */
  public static <T> Page<T> of(List<T> rows, int limit, Function<? super T, String> cursorOf) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
  }

  /** Reads at most {@code limit + 1} of the rows and makes the page of them (see {@link #of(List, int, Function)}). */
  public static <T> Mono<Page<T>> of(Flux<T> rows, int limit, Function<? super T, String> cursorOf) {
    return rows.take(limit + 1L).collectList().map(list -> of(list, limit, cursorOf));
  }

  /**
   * The page after the cursor's id of a list read whole in ascending id order. Ids past the cursor
   * are compared, not found, so a deleted item does not lose the place.
   */
  public static <T> Mono<Page<T>> afterId(Flux<T> rows, String cursor, int limit, Function<? super T, UUID> idOf) {
    UUID after = PageCursor.id(cursor);
    Flux<T> rest = after == null ? rows : rows.filter(row -> PageCursor.compare(idOf.apply(row), after) > 0);
    return of(rest, limit, row -> PageCursor.after(idOf.apply(row)));
  }

  /** The page of an append-only list (a history, a ledger) after the number of items the cursor says were shown. */
  public static <T> Mono<Page<T>> afterCount(Flux<T> rows, String cursor, int limit) {
    long shown = PageCursor.count(cursor);
    return rows.skip(shown).take(limit + 1L).collectList()
        .map(list -> list.size() > limit ? new Page<>(list.subList(0, limit), PageCursor.afterCount(shown + limit)) : new Page<>(list, null));
  }
}
