package io.bookpay.projection.finance;

import io.bookpay.events.Topics;
import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.projection.Projections;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer group {@code finance} ({@code bookpay.finance} under the default topic prefix): the
 * topics that carry money, claims, bookings (for revenue per service, provider and location) and
 * tenant profiles (the zone) into {@link FinanceProjection}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bookpay.kafka.consumers-enabled", havingValue = "true", matchIfMissing = true)
class FinanceConsumer {

  static final List<String> TOPICS = List.of(Topics.PAYMENTS, Topics.CLAIMS, Topics.BOOKINGS, Topics.TENANTS);

  @Bean
  EventConsumerLoop financeConsumerLoop(Projections projections, EventConsumers consumers) {
    return consumers.loop(FinanceProjection.CONSUMER, TOPICS, projections.applier(FinanceProjection.CONSUMER));
  }
}
