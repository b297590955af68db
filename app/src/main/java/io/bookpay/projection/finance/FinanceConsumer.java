package io.bookpay.projection.finance;

import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.platform.kafka.KafkaProperties;
import io.bookpay.projection.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer group {@code finance} ({@code bookpay.finance} under the default topic prefix): the
 * topics of {@link FinanceProjection#topics()} (money, claims, bookings, tenant profiles) into it; a
 * rebuild replays the same list.
 */
@Configuration(proxyBeanMethods = false)
class FinanceConsumer {

  /**
   * No loop (a null bean) with {@code bookpay.kafka.consumers-enabled=false}: decided when the context
   * starts, not with {@code @ConditionalOnProperty}, which Spring's build-time processing (the image's
   * {@code spring.aot.enabled}) would decide once for good with the build's properties.
   */
  @Bean
  EventConsumerLoop financeConsumerLoop(FinanceProjection projection, Projections projections, EventConsumers consumers,
      KafkaProperties kafka) {
    if (!kafka.consumersEnabled()) {
      return null;
    }
    return consumers.loop(FinanceProjection.CONSUMER, projection.topics(), projections.applier(FinanceProjection.CONSUMER));
  }
}
