package io.bookpay.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the leader looks for rows written by other instances (local commits
 *     wake it at once)
 * @param leaderRetryInterval how often a follower tries to take over leadership
 * @param retention how long published rows stay before the cleaner deletes them
 * @param relayEnabled false keeps this instance from ever relaying (e.g. a read-only replica)
 */
@ConfigurationProperties("bookpay.outbox")
public record OutboxProperties(
    @DefaultValue("true") boolean relayEnabled,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("1s") Duration leaderRetryInterval,
    @DefaultValue("10s") Duration maxBackoff,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("1m") Duration cleanupInterval,
    @DefaultValue("5s") Duration metricsInterval) {}
