package io.bookpay.events.analytics;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.util.UUID;

/** Events recorded for analytics only; they change no business state. */
public sealed interface AnalyticsEvent extends DomainEvent permits CustomEventRecorded {

  UUID customEventId();

  @Override
  default UUID aggregateId() {
    return customEventId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.CUSTOM_EVENT;
  }
}
