package io.bookpay.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which card processor takes CARD payments. None by default: a packaged jar must never take card
 * payments by itself, so the simulator runs only where it is asked for (local run, tests).
 *
 * @param gateway {@code none} (CARD payments are refused) or {@code simulated}; {@code stripe} comes later
 */
@ConfigurationProperties("bookpay.payments")
public record PaymentsProperties(@DefaultValue("none") Gateway gateway) {

  /** The property's values; the adapter beans are selected on the same property. */
  public enum Gateway { NONE, SIMULATED }

  /** The property that selects the gateway, for {@code @ConditionalOnProperty}. */
  public static final String GATEWAY_PROPERTY = "bookpay.payments.gateway";
}
