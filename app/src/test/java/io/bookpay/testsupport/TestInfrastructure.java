package io.bookpay.testsupport;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one PostgreSQL database and Kafka broker of a test run, started on first use and torn down
 * when the JVM exits. Each Spring context of the run points at them.
 */
public final class TestInfrastructure {

  /** Encrypts the tenants' webhook secrets in this run; random, like every secret here. */
  private static final String WEBHOOK_SECRET_KEY = randomKey();

  public String webhookSecretKey() {
    return WEBHOOK_SECRET_KEY;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  private static volatile TestInfrastructure instance;

  private final Infrastructure infrastructure = new Infrastructure();
  private final Infrastructure.Database database;
  private final String kafka;
  private final String adminToken = "test-operator-" + UUID.randomUUID();

  private TestInfrastructure() {
    Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "test-infrastructure-cleanup"));
    this.database = infrastructure.database(Infrastructure.Mode.TEST);
    this.kafka = infrastructure.kafka(Infrastructure.Mode.TEST, 0);
    System.out.println("Test infrastructure: PostgreSQL from " + database.source() + ", Kafka at " + kafka);
  }

  public static TestInfrastructure get() {
    TestInfrastructure current = instance;
    if (current == null) {
      synchronized (TestInfrastructure.class) {
        current = instance;
        if (current == null) {
          current = new TestInfrastructure();
          instance = current;
        }
      }
    }
    return current;
  }

  public Infrastructure.Database database() {
    return database;
  }

  public String kafkaBootstrapServers() {
    return kafka;
  }

  public String adminToken() {
    return adminToken;
  }

  /** Points a Spring context at this run's database (in the given schema) and broker. */
  public void register(DynamicPropertyRegistry registry, String schema) {
    registry.add("bookpay.db.url", database::jdbcUrl);
    registry.add("bookpay.db.user", database::user);
    registry.add("bookpay.db.password", database::password);
    registry.add("bookpay.db.schema", () -> schema);
    registry.add("bookpay.kafka.bootstrap-servers", () -> kafka);
    registry.add("bookpay.admin-token", () -> adminToken);
    registry.add("bookpay.bookings.sweep-interval", () -> "300ms");
    registry.add("bookpay.money.membership-sweep-interval", () -> "300ms");
    registry.add("bookpay.secrets.key", () -> WEBHOOK_SECRET_KEY);
    registry.add("bookpay.http.max-upload-size", () -> "2MB");
    registry.add("bookpay.webhooks.retry-base", () -> "100ms");
    registry.add("bookpay.webhooks.retry-max", () -> "1s");
    registry.add("bookpay.webhooks.poll-interval", () -> "200ms");
    registry.add("bookpay.projections.prune-interval", () -> "500ms");
    // The simulated gateway is off unless asked for (a jar must not take card payments by itself); tests ask.
    registry.add("bookpay.payments.gateway", () -> "simulated");
    registry.add("bookpay.webhooks.simulator.delay", () -> "100ms");
    // Tests send their own webhooks; the simulator's are tested on an instance of their own.
    registry.add("bookpay.webhooks.simulator.deliver", () -> "false");
    // Tests stand in for many clients by sending X-Forwarded-For from loopback.
    registry.add("bookpay.links.trusted-proxies", () -> "127.0.0.1,::1");
    registry.add("bookpay.dashboard.trusted-proxies", () -> "127.0.0.1,::1");
    InJvmKafka.LOGGING_LEVELS.forEach((name, level) -> registry.add("logging.level." + name, () -> level));
  }

  /** The schema of the shared test context. */
  public String defaultSchema() {
    return database.schema();
  }

  /**
   * A schema of its own for a test that starts app instances of its own: their relays then lead
   * their own outbox and never publish the shared context's rows (or the other way round).
   */
  public String isolatedSchema(String name) {
    String schema = database.schema() + "_" + name;
    infrastructure.dropSchemaAtClose(database, schema);
    return schema;
  }
}
