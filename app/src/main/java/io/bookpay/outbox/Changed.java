package io.bookpay.outbox;

import io.bookpay.events.DomainEvent;
import java.util.List;

/**
 * What an aggregate method returns: the aggregate as the change leaves it and the events that
 * announce the change. The service writes the change and appends {@code events} to the outbox in
 * the same transaction; the aggregate never appends anything itself.
 */
public record Changed<T>(T state, List<DomainEvent> events) {

  public Changed {
    events = List.copyOf(events);
  }

  public static <T> Changed<T> of(T state, DomainEvent... events) {
    return new Changed<>(state, List.of(events));
  }
}
