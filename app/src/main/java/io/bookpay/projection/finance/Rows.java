package io.bookpay.projection.finance;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows gathered from a batch, bound column by column as arrays to one {@code unnest} statement
 * (one round trip for the batch, however many rows).
 */
final class Rows {

  private final List<Object[]> rows = new ArrayList<>();

  void add(Object... values) {
    rows.add(values);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Column {@code index} as an array of {@code type}; nulls stay null. */
  @SuppressWarnings("unchecked")
  <T> T[] column(int index, Class<T> type) {
    T[] column = (T[]) Array.newInstance(type, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      column[i] = type.cast(rows.get(i)[index]);
    }
    return column;
  }
}
