package io.bookpay.projection.finance;

import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.projection.Projections;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer group {@code finance} ({@code bookpay.finance} under the default topic prefix): the
 * topics of {@link FinanceProjection#topics()} (money, claims, bookings, tenant profiles) into it; a
 * rebuild replays the same list.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bookpay.kafka.consumers-enabled", havingValue = "true", matchIfMissing = true)
class FinanceConsumer {

  @Bean
  EventConsumerLoop financeConsumerLoop(FinanceProjection projection, Projections projections, EventConsumers consumers) {
    return consumers.loop(FinanceProjection.CONSUMER, projection.topics(), projections.applier(FinanceProjection.CONSUMER));
  }
}
