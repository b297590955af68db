package io.bookpay.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The operator's Kafka security settings reach every client, and do not undo Bookpay's delivery settings. */
class KafkaClientsTest {

  @Test
  void passThroughSettingsReachTheProducerTheConsumersAndTheAdminClient() {
    MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
        "bookpay.kafka.bootstrap-servers", "kafka-1:9093",
        "bookpay.kafka.properties.security.protocol", "SASL_SSL",
        "bookpay.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
        "bookpay.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "bookpay.kafka.properties.ssl.truststore.location", "/etc/bookpay/truststore.p12",
        "bookpay.kafka.properties.acks", "1"));
    KafkaProperties properties = new Binder(source).bind("bookpay.kafka", KafkaProperties.class).get();
    KafkaClients clients = new KafkaClients(properties);

    for (Properties config : new Properties[] {clients.producerConfig("relay"), clients.consumerConfig("analytics"), clients.adminConfig()}) {
      assertThat(config)
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
          .containsEntry("ssl.truststore.location", "/etc/bookpay/truststore.p12")
          .containsEntry("bootstrap.servers", "kafka-1:9093");
    }
    assertThat(clients.producerConfig("relay")).containsEntry("acks", "all");
  }

  @Test
  void withoutPassThroughSettingsNothingIsAdded() {
    KafkaProperties properties = new KafkaProperties("127.0.0.1:9092", "bookpay", 6, (short) 1, Duration.ofDays(30), true, "bookpay.", null);
    assertThat(new KafkaClients(properties).adminConfig()).doesNotContainKey("security.protocol");
  }
}
