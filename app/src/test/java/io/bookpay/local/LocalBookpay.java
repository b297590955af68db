package io.bookpay.local;

import io.bookpay.BookpayApplication;
import io.bookpay.demo.DemoSeeder;
import io.bookpay.demo.SeedClock;
import io.bookpay.demo.SeedCommand;
import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.tenant.TenantService;
import io.bookpay.webhook.WebhookSecretService;
import java.util.Set;
import io.bookpay.testsupport.InJvmKafka;
import io.bookpay.testsupport.Infrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform on this machine: a database (kept between runs), a Kafka broker in this JVM,
 * migrations, the app, and a demo tenant with a fresh API key, then a ready-to-paste curl. Run by
 * {@code ./mvnw -pl app -am test-compile spring-boot:test-run}.
 */
public final class LocalBookpay {

  private static final String DEMO_TENANT = "Demo Clinic";

  private LocalBookpay() {}

  public static void main(String[] args) {
    Infrastructure infrastructure = new Infrastructure();
    Infrastructure.Database db = infrastructure.database(Infrastructure.Mode.LOCAL);
    String kafka = infrastructure.kafka(Infrastructure.Mode.LOCAL, isFree(9092) ? 9092 : InJvmKafka.freePort());
    String adminToken = envOr("BOOKPAY_ADMIN_TOKEN", randomToken());

    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("bookpay.db.url", db.jdbcUrl());
    settings.put("bookpay.db.user", db.user());
    settings.put("bookpay.db.password", db.password());
    settings.put("bookpay.db.schema", db.schema());
    settings.put("bookpay.kafka.bootstrap-servers", kafka);
    settings.put("bookpay.admin-token", adminToken);
    // The local run plays the card processor itself; a packaged jar never does unless told to.
    settings.put("bookpay.payments.gateway", "simulated");
    // Encrypts webhook signing secrets and Stripe keys at rest; a new one per run unless given (secrets of earlier runs then go unread).
    settings.put("bookpay.secrets.key", envOr("BOOKPAY_SECRETS_KEY", envOr("BOOKPAY_WEBHOOKS_SECRET_KEY", randomKey())));
    // The broker's own INFO lines would bury the app's.
    InJvmKafka.LOGGING_LEVELS.forEach((name, level) -> settings.put("logging.level." + name, level));
    // The seed clock: the demo clinic's month is replayed through the services with the clock in the past.
    ConfigurableApplicationContext context = SeedClock.install(new SpringApplicationBuilder(BookpayApplication.class))
        .properties(settings).registerShutdownHook(false).run(args);
    // One hook, in order: the app (relay, consumers) first, then the broker and database it uses.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.close();
      infrastructure.close();
    }, "local-shutdown"));

    // On an empty database the demo clinic is seeded (BOOKPAY_DEMO_SEED picks the seed value, "off" skips it);
    // a database that has it already gets a fresh key for it.
    DemoSeeder seeder = context.getBean(DemoSeeder.class);
    String seedValue = envOr("BOOKPAY_DEMO_SEED", "1");
    if (!seedValue.equals("off") && !seedValue.matches("-?\\d{1,18}")) {
      throw new IllegalArgumentException("BOOKPAY_DEMO_SEED must be a whole number or off, got " + seedValue);
    }
    DemoSeeder.Summary seeded = seedValue.equals("off") || seeder.exists(DEMO_TENANT) ? null : seeder.seed(Long.parseLong(seedValue), DEMO_TENANT);
    TenantService.CreatedTenant demo = seeded != null ? null : context.getBean(TenantService.class).demo(DEMO_TENANT).block(Duration.ofSeconds(30));
    UUID tenantId = seeded != null ? seeded.tenantId() : demo.tenant().id();
    String key = seeded != null ? seeded.apiKey() : demo.firstKey().key();
    // A Stripe signing secret for the demo tenant, so the simulated gateway's signed webhooks settle card payments.
    Caller owner = Caller.apiKey(tenantId, seeded != null ? seeded.apiKeyId() : demo.firstKey().id(), Set.of(Scope.ALL));
    WebhookSecretService webhookSecrets = context.getBean(WebhookSecretService.class);
    webhookSecrets.list(owner).filter(secret -> secret.revokedAt() == null)
        .concatMap(secret -> webhookSecrets.revoke(owner, secret.id())).then(webhookSecrets.add(owner, "stripe", null))
        .block(Duration.ofSeconds(30));
    String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    // The seeded clinic's first open link, or a link made for the demo tenant when seeding is off.
    String linkPage = seeded != null ? base + "/b/" + seeded.openLinkTokens().get(0) : DemoLink.create(base, key);
    System.out.println(banner(base, db, kafka, adminToken, tenantId, key, linkPage,
        seeded == null ? "" : demoBanner(base, seeded, seedValue)));
  }

  /** What the seeder made and reports to curl. */
  private static String demoBanner(String base, DemoSeeder.Summary seeded, String seedValue) {
    return """

         The demo clinic was seeded (seed %1$s, activity from %2$s to %3$s):
        %4$s
         Reports of the seeded weeks (bookings per day; money in and out per day):
           curl -s '%5$s/v1/reports/bookings?from=%2$s&to=%3$s' -H 'Authorization: Bearer %6$s'
           curl -s '%5$s/v1/reports/financial?from=%2$s&to=%3$s' -H 'Authorization: Bearer %6$s'
        """.formatted(seedValue, seeded.from(), seeded.to(), SeedCommand.created(seeded).indent(1).stripTrailing(), base,
        seeded.apiKey());
  }

  private static String banner(String base, Infrastructure.Database db, String kafka, String adminToken, UUID tenantId, String key,
      String linkPage, String seeded) {
    return """

        ==================================================================================
         Bookpay is running at %1$s
           database: %2$s (schema %3$s)
           kafka:    %4$s
           API docs: %1$s/swagger-ui.html

         Demo tenant "%5$s" (%6$s); its API key, shown once (every scope, reports:read included):
           %7$s

         A booking link's page, as a client would open it (open it in a browser):
           %9$s

         The dashboard, for the clinic's staff (open it in a browser):
           %1$s/dashboard/login
           Sign in: paste the API key printed above; it needs reports:read.

         Create a customer:
           curl -s -X POST %1$s/v1/customers \\
             -H 'Authorization: Bearer %7$s' \\
             -H 'Content-Type: application/json' \\
             -d '{"name":"Ada Lovelace","email":"ada@example.com","phone":"+44 20 7946 0000"}'

         Read the events with any Kafka client, e.g.:
           kcat -b %4$s -t bookpay.customers -C -o beginning -e -f '%%k %%h\\n%%s\\n'

         Events per day:  curl -s %1$s/v1/reports/events -H 'Authorization: Bearer %7$s'
         Card payments: the simulated gateway answers PENDING, then settles them (and card refunds)
         with signed Stripe webhooks; see GET %1$s/v1/webhooks/events.
         Operator token (POST /v1/admin/tenants); paste in another terminal, then run the API tour:
           export BOOKPAY_ADMIN_TOKEN='%8$s' BASE_URL=%1$s BOOKPAY_KAFKA_BOOTSTRAP_SERVERS=%4$s
           bash docs/tour.sh
        %10$s==================================================================================
        """.formatted(base, db.source(), db.schema(), kafka, DEMO_TENANT, tenantId, key, adminToken, linkPage, seeded);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String randomKey() {
    byte[] bytes = new byte[32];
    Randomness.secureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    Randomness.secureRandom().nextBytes(bytes);
    return "op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
