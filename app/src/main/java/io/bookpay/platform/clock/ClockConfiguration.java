package io.bookpay.platform.clock;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The UTC clock every service reads time from; a test may replace it. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  /** Whole microseconds: answers to a POST and a later GET show the same instants. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return new MicrosecondClock(Clock.systemUTC());
  }
}
