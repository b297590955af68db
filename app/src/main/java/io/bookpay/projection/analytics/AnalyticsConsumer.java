package io.bookpay.projection.analytics;

import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.projection.Projections;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer group {@code analytics} ({@code bookpay.analytics} under the default topic prefix): every topic into {@link AnalyticsProjection}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bookpay.kafka.consumers-enabled", havingValue = "true", matchIfMissing = true)
class AnalyticsConsumer {

  @Bean
  EventConsumerLoop analyticsConsumerLoop(AnalyticsProjection projection, Projections projections, EventConsumers consumers) {
    return consumers.loop(AnalyticsProjection.CONSUMER, projection.topics(), projections.applier(AnalyticsProjection.CONSUMER));
  }
}
