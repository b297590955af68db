package io.bookpay.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), inside this JVM.
 * Starts in a few seconds and needs nothing but the Maven dependency.
 */
public final class InJvmKafka implements AutoCloseable {

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean deleteOnClose;
  private final int port;

  private InJvmKafka(KafkaRaftServer server, Path logDir, boolean deleteOnClose, int port) {
    this.server = server;
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
  }

  /** A broker on a free port with its data in a temporary directory, deleted on close. */
  public static InJvmKafka start() {
    return start(freePort(), null);
  }

  /**
   * A broker on the given port. With a {@code dataDir}, data survives restarts (formatted once);
   * without, it lives in a temporary directory deleted on close.
   */
  public static InJvmKafka start(int port, Path dataDir) {
    quietBrokerLogs();
    try {
      boolean temporary = dataDir == null;
      Path logDir = temporary ? Files.createTempDirectory("bookpay-kafka-") : dataDir;
      Files.createDirectories(logDir);
      int controllerPort = freePort();
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("log.dirs", logDir.toString());
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "3");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("auto.create.topics.enable", "false");
      props.put("log.flush.interval.messages", "1000000");
      format(props, logDir);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return new InJvmKafka(server, logDir, temporary, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void format(Properties props, Path logDir) throws IOException {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    Path config = Files.createTempFile("bookpay-kafka-", ".properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "in-JVM broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status =
        StorageTool.execute(
            new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
            new PrintStream(output, true, StandardCharsets.UTF_8));
    Files.deleteIfExists(config);
    if (status != 0) {
      throw new IllegalStateException("formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * The broker logs every setting and partition change at INFO. It may start before Spring Boot
   * configures logging, so this sets the levels on Logback directly; contexts keep them through
   * {@link #LOGGING_LEVELS}.
   */
  private static void quietBrokerLogs() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      LOGGING_LEVELS.keySet().forEach(name -> logback.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN));
    }
  }

  /** Logger levels for Spring contexts that share a JVM with an in-JVM broker. */
  public static final java.util.Map<String, String> LOGGING_LEVELS =
      java.util.Map.of("kafka", "WARN", "state.change.logger", "WARN", "org.apache.kafka", "WARN");

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      try (Stream<Path> files = Files.walk(logDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp directory is harmless
      }
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
