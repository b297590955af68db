package io.bookpay.projection.analytics;

import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.platform.kafka.KafkaProperties;
import io.bookpay.projection.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer group {@code analytics} ({@code bookpay.analytics} under the default topic prefix): every topic into {@link AnalyticsProjection}. */
@Configuration(proxyBeanMethods = false)
class AnalyticsConsumer {

  /**
   * No loop (a null bean) with {@code bookpay.kafka.consumers-enabled=false}: decided when the context
   * starts, not with {@code @ConditionalOnProperty}, which Spring's build-time processing (the image's
   * {@code spring.aot.enabled}) would decide once for good with the build's properties.
   */
  @Bean
  EventConsumerLoop analyticsConsumerLoop(AnalyticsProjection projection, Projections projections, EventConsumers consumers,
      KafkaProperties kafka) {
    if (!kafka.consumersEnabled()) {
      return null;
    }
    return consumers.loop(AnalyticsProjection.CONSUMER, projection.topics(), projections.applier(AnalyticsProjection.CONSUMER));
  }
}
