package io.bookpay.projection.analytics;

import io.bookpay.events.EventCodec;
import io.bookpay.events.Topics;
import io.bookpay.platform.kafka.EventConsumerLoop;
import io.bookpay.platform.kafka.KafkaClients;
import io.bookpay.platform.kafka.TopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer group {@code analytics} ({@code bookpay.analytics} under the default topic prefix): every topic into {@link AnalyticsProjection}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bookpay.kafka.consumers-enabled", havingValue = "true", matchIfMissing = true)
class AnalyticsConsumer {

  @Bean
  EventConsumerLoop analyticsConsumerLoop(
      AnalyticsProjection projection,
      KafkaClients clients,
      TopicProvisioner provisioner,
      EventCodec codec,
      MeterRegistry meters) {
    return new EventConsumerLoop(AnalyticsProjection.CONSUMER, Topics.ALL, projection::apply, clients, provisioner, codec, meters);
  }
}
