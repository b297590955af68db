package io.bookpay.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param secretKey the older name of {@code bookpay.secrets.key} (see
 *     {@link io.bookpay.platform.secrets.SecretsProperties}), still read when that one is unset
 * @param tolerance how old a signature's timestamp may be (and how far in the future)
 * @param maxBodySize the largest webhook body accepted
 * @param retryBase first delay before an event that could not be applied is tried again; it doubles
 * @param retryMax the longest delay between tries
 * @param maxAttempts tries before an event is parked as FAILED
 * @param pollInterval how often the processor looks for due events when nothing woke it
 * @param batchSize events the processor takes per round
 * @param concurrency events processed at once
 * @param simulator what the simulated gateway does
 */
@ConfigurationProperties("bookpay.webhooks")
public record WebhookProperties(
    String secretKey,
    @DefaultValue("300s") Duration tolerance,
    @DefaultValue("256KB") DataSize maxBodySize,
    @DefaultValue("1s") Duration retryBase,
    @DefaultValue("10m") Duration retryMax,
    @DefaultValue("20") int maxAttempts,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("8") int concurrency,
    @DefaultValue Simulator simulator) {

  /**
   * @param deliver whether it sends signed webhooks back for the charges and refunds it accepts
   *     (only for tenants with an active Stripe signing secret)
   * @param delay how long after the charge or refund it sends them
   * @param baseUrl where to send them; by default this instance itself
   */
  public record Simulator(@DefaultValue("true") boolean deliver, @DefaultValue("500ms") Duration delay, String baseUrl) {}
}
