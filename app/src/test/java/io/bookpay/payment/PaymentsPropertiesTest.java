package io.bookpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A jar that is told nothing takes no card payments: no gateway by default, the simulator only when named. */
class PaymentsPropertiesTest {

  private static PaymentsProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("bookpay.payments", PaymentsProperties.class);
  }

  @Test
  void noGatewayUnlessOneIsNamed() {
    assertThat(bind(Map.of()).gateway()).isEqualTo(PaymentsProperties.Gateway.NONE);
    assertThat(bind(Map.of("bookpay.payments.gateway", "simulated")).gateway()).isEqualTo(PaymentsProperties.Gateway.SIMULATED);
    assertThat(bind(Map.of("bookpay.payments.gateway", "stripe")).gateway()).isEqualTo(PaymentsProperties.Gateway.STRIPE);
  }

  @Test
  void stripeCallsAndTheReconcilerHaveDefaultsThatRunInProduction() {
    PaymentsProperties defaults = bind(Map.of());
    assertThat(defaults.stripe().apiBase()).isEqualTo("https://api.stripe.com");
    assertThat(defaults.stripe().retries()).isEqualTo(2);
    assertThat(defaults.reconciler().after()).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(bind(Map.of("bookpay.payments.stripe.api-base", "http://127.0.0.1:9999")).stripe().apiBase())
        .isEqualTo("http://127.0.0.1:9999");
  }
}
