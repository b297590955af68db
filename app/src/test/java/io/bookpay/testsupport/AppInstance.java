package io.bookpay.testsupport;

import io.bookpay.BookpayApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One more Bookpay instance in this JVM, for tests about several instances or a broker that comes
 * and goes. It runs on its own schema so it never shares an outbox with the suite's main context,
 * and without consumers so it never joins the main context's consumer groups.
 */
public final class AppInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private AppInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static AppInstance start(String schema, String kafkaBootstrapServers, String... extraArgs) {
    return start(schema, kafkaBootstrapServers, UnaryOperator.identity(), extraArgs);
  }

  /** As above, with the application builder changed first (e.g. a clock installed before the beans are made). */
  public static AppInstance start(String schema, String kafkaBootstrapServers, UnaryOperator<SpringApplicationBuilder> customise,
      String... extraArgs) {
    TestInfrastructure infra = TestInfrastructure.get();
    Infrastructure.Database db = infra.database();
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--bookpay.db.url=" + db.jdbcUrl(),
        "--bookpay.db.user=" + db.user(),
        "--bookpay.db.password=" + db.password(),
        "--bookpay.db.schema=" + schema,
        "--bookpay.kafka.bootstrap-servers=" + kafkaBootstrapServers,
        "--bookpay.kafka.consumers-enabled=false",
        "--bookpay.admin-token=" + infra.adminToken(),
        "--bookpay.outbox.metrics-interval=200ms",
        "--bookpay.payments.gateway=simulated", // like the suite's context; an extra argument may name another
        // Instances here serve no API description; building one in the background could outlive a short-lived instance.
        "--springdoc.pre-loading-enabled=false",
        "--springdoc.api-docs.enabled=false",
        "--spring.main.banner-mode=off"));
    // An extra argument replaces a default of the same name (Spring would join repeated ones with a comma).
    for (String extra : extraArgs) {
      String name = extra.split("=", 2)[0];
      args.removeIf(arg -> arg.split("=", 2)[0].equals(name));
      args.add(extra);
    }
    return new AppInstance(
        customise.apply(new SpringApplicationBuilder(BookpayApplication.class, IsolatedNettyResources.class)).run(args.toArray(String[]::new)));
  }

  /** Gives an application of a test its own event loops (see {@link IsolatedNettyResources}). */
  public static SpringApplicationBuilder isolated(SpringApplicationBuilder builder) {
    return builder.sources(IsolatedNettyResources.class);
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  public WebTestClient http() {
    return IntegrationTest.client(port());
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public boolean isRunning() {
    return context.isActive();
  }

  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }
}
