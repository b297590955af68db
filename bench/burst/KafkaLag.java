import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Commit to Kafka: reads every bookpay.* topic from the start to its end after a run and, for the
 * events that occurred in [FROM_MS, TO_MS), takes the record's timestamp minus the envelope's
 * occurredAt (the clock read in the writing transaction, just before its commit). Prints one line
 * "LAG {json}" with percentiles in ms, counts by topic and the timestamp type (CreateTime is the
 * relay's producer clock at send, LogAppendTime the broker's at append).
 *
 * usage: java -cp KAFKA_CLIENT_CP KafkaLag.java BOOTSTRAP FROM_MS TO_MS
 */
public final class KafkaLag {

  static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

  public static void main(String[] args) {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    props.put("max.poll.records", "5000");
    long from = Long.parseLong(args[1]);
    long to = Long.parseLong(args[2]);
    List<Long> lags = new ArrayList<>();
    Map<String, Integer> byTopic = new TreeMap<>();
    String timestampType = "none";
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.listTopics().forEach((topic, infos) -> {
        if (topic.startsWith("bookpay.")) {
          infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
      });
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Matcher m = OCCURRED.matcher(new String(r.value(), 0, Math.min(r.value().length, 4096), java.nio.charset.StandardCharsets.UTF_8));
          if (!m.find()) {
            continue;
          }
          long occurred = Instant.parse(m.group(1)).toEpochMilli();
          if (occurred >= from && occurred < to) {
            lags.add(r.timestamp() - occurred);
            byTopic.merge(r.topic(), 1, Integer::sum);
            timestampType = r.timestampType().toString();
          }
        }
      }
    }
    long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
    StringBuilder topics = new StringBuilder();
    byTopic.forEach((t, n) -> topics.append(topics.length() > 0 ? "," : "").append('"').append(t).append("\":").append(n));
    System.out.printf("LAG {\"events\":%d,\"timestampType\":\"%s\",\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d,\"byTopic\":{%s}}%n",
        sorted.length, timestampType, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1], topics);
  }

  static long pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
