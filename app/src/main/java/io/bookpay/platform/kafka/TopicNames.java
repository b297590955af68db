package io.bookpay.platform.kafka;

import io.bookpay.events.Topics;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kafka names of one install: its topics and consumer group ids all start with the configured
 * prefix, so two installs on one cluster neither read each other's events nor share offsets.
 * Code names topics by the {@link Topics} constants; this turns them into this install's names at
 * the edge (provisioning, publishing, subscribing). The outbox keeps the constants, so its rows
 * do not depend on the install.
 */
public final class TopicNames {

  // Kafka's legal topic characters; 200 leaves room for the names after the prefix (limit 249).
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{0,200}");

  private final String prefix;

  public TopicNames(String prefix) {
    if (prefix == null || !LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "bookpay.kafka.topic-prefix must be letters, digits, '.', '_' or '-' (at most 200), got '" + prefix + "'");
    }
    this.prefix = prefix;
  }

  /** This install's name of a topic given by its {@link Topics} constant. */
  public String topic(String topic) {
    return Topics.withPrefix(prefix, topic);
  }

  public List<String> topics(Collection<String> topics) {
    return topics.stream().map(this::topic).toList();
  }

  /** Every topic this install creates and publishes to. */
  public List<String> all() {
    return topics(Topics.ALL);
  }

  /**
   * The consumer group id of a consumer. With the default prefix it is the consumer's own name
   * ({@code analytics}), the group name the design and the read-side contract give and the one
   * installs made before the prefix already have offsets under; any other prefix is put in front
   * ({@code staging.analytics}), so installs sharing a cluster share no group.
   */
  public String groupId(String consumer) {
    return prefix.equals(Topics.DEFAULT_PREFIX) ? consumer : prefix + consumer;
  }
}
