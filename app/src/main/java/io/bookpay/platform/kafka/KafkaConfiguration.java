package io.bookpay.platform.kafka;

import io.bookpay.events.EventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared Kafka admin client (topic provisioning, health) and the event codec. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean(destroyMethod = "close")
  Admin kafkaAdminClient(KafkaClients clients) {
    return clients.admin();
  }

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }
}
