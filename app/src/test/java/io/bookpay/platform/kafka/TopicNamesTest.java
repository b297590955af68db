package io.bookpay.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.events.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic prefix: the default keeps today's names byte for byte; another moves every name. */
class TopicNamesTest {

  @Test
  void theDefaultPrefixKeepsTheTopicNamesAsTheyWere() {
    TopicNames names = new TopicNames(Topics.DEFAULT_PREFIX);
    assertThat(names.all())
        .containsExactly("bookpay.customers", "bookpay.bookings", "bookpay.links", "bookpay.payments", "bookpay.claims",
            "bookpay.tenants", "bookpay.catalog", "bookpay.analytics");
    assertThat(names.topic(Topics.BOOKINGS)).isEqualTo("bookpay.bookings");
    assertThat(names.groupId("analytics")).isEqualTo("analytics");
  }

  @Test
  void anotherPrefixShareNoTopicNorGroupWithTheDefault() {
    TopicNames staging = new TopicNames("staging.bookpay.");
    assertThat(staging.all())
        .containsExactly("staging.bookpay.customers", "staging.bookpay.bookings", "staging.bookpay.links",
            "staging.bookpay.payments", "staging.bookpay.claims", "staging.bookpay.tenants", "staging.bookpay.catalog",
            "staging.bookpay.analytics")
        .doesNotContainAnyElementsOf(new TopicNames(Topics.DEFAULT_PREFIX).all());
    assertThat(staging.groupId("analytics")).isEqualTo("staging.bookpay.analytics");
    assertThat(staging.topics(List.of(Topics.PAYMENTS))).containsExactly("staging.bookpay.payments");
  }

  @Test
  void aPrefixKafkaCannotNameIsRefusedAtStartup() {
    assertThatThrownBy(() -> new TopicNames("acme/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bookpay.kafka.topic-prefix");
    assertThatThrownBy(() -> new TopicNames("x").topic("orders")).isInstanceOf(IllegalArgumentException.class);
  }
}
