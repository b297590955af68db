package io.bookpay.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signal the outbox shares with the relay. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  @Bean
  Wakeup outboxWakeup() {
    return new Wakeup();
  }
}
