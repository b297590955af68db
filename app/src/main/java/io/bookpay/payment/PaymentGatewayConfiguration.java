package io.bookpay.payment;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The gateway {@code bookpay.payments.gateway} names, picked when the context starts. A
 * {@code @ConditionalOnProperty} on each adapter would be decided at build time under Spring's
 * build-time processing (the image starts with {@code spring.aot.enabled=true}), so the property set
 * at run time would be ignored. The adapters are lazy beans: the ones not picked are never made.
 */
@Configuration(proxyBeanMethods = false)
class PaymentGatewayConfiguration {

  /** The picked adapter itself; its own bean, not this one, closes it ({@code destroyMethod = ""}). */
  @Bean(destroyMethod = "")
  @Primary
  PaymentGateway paymentGateway(PaymentsProperties properties, BeanFactory beans) {
    return beans.getBean(properties.gateway().beanName(), PaymentGateway.class);
  }
}
