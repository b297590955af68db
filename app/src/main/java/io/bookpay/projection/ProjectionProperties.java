package io.bookpay.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processedEventsRetention how long a consumer remembers an applied event id. A repeat can
 *     only come from the relay (it publishes a row again when it could not mark it published: a
 *     crash between the send and the mark, or a broker outage during which a send succeeded without
 *     its acknowledgement arriving), and it comes when the relay next runs, so the window is the
 *     longest outage of Kafka or of the relay. Kafka's own redeliveries start from the position the
 *     consumer stored in its last batch's transaction, so they are never older than one batch, and
 *     do not depend on Kafka's committed offsets, which expire with an idle group. Seven days, like the
 *     outbox's retention of published rows, covers a week-long outage.
 * @param pruneInterval how often expired processed-event ids are deleted
 * @param pruneBatchSize ids deleted per statement (each statement is its own short transaction)
 * @param rebuildBatchSize events a rebuild reads and applies per transaction: larger than the live
 *     consumer's batches, as a replay is all backlog and each transaction has a fixed cost
 */
@ConfigurationProperties("bookpay.projections")
public record ProjectionProperties(
    @DefaultValue("7d") Duration processedEventsRetention,
    @DefaultValue("1m") Duration pruneInterval,
    @DefaultValue("1000") int pruneBatchSize,
    @DefaultValue("5000") int rebuildBatchSize) {

  public ProjectionProperties {
    if (processedEventsRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("bookpay.projections.processed-events-retention must be at least 1h, got " + processedEventsRetention);
    }
    if (pruneBatchSize < 1) {
      throw new IllegalArgumentException("bookpay.projections.prune-batch-size must be positive");
    }
    if (rebuildBatchSize < 1 || rebuildBatchSize > 50_000) {
      throw new IllegalArgumentException("bookpay.projections.rebuild-batch-size must be between 1 and 50000");
    }
  }
}
