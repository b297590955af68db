package io.bookpay.testsupport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops of its own for an extra app instance. By default every Spring context in a JVM shares
 * Reactor Netty's global loops, and closing any one context disposes them for all, which would stop
 * the other instances' servers. In production there is one context per JVM, so only tests need this.
 */
@Configuration(proxyBeanMethods = false)
class IsolatedNettyResources {

  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }
}
