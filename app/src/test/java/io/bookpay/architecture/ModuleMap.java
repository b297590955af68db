package io.bookpay.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application's modules and the dependencies between them, declared in one place: the module
 * test holds the code to this map and the README's picture is drawn from it. A new feature package
 * is one {@code write(...)} or {@code read(...)} line here; a new dependency between features is one
 * more name on a line, made on purpose.
 */
final class ModuleMap {

  static final String ROOT = "io.bookpay";

  /** Open to all, knows no feature. */
  static final String PLATFORM = "platform";

  /** The published language (its own artifact): every module may use it, it uses no module. */
  static final String EVENTS = "events";

  /** Flyway's SQL and CLI (its own artifact), run by the platform at start. */
  static final String MIGRATIONS = "migrations";

  /** Feature -> the features it may use, besides the platform and the events. */
  static final Map<String, Module> FEATURES = new LinkedHashMap<>();

  static {
    // Write side: controller -> service -> repository (SQL), events through the outbox.
    write("tenant", "outbox");
    write("catalog", "outbox");
    write("customer", "outbox");
    write("booking", "catalog", "customer", "outbox");
    write("link", "booking", "catalog", "customer", "outbox", "tenant", "tracking");
    write("giftcard", "customer", "outbox");
    write("sales", "booking", "catalog", "outbox");
    // Invoice -> payment is InvoiceController's two payment routes only (POST and GET /v1/invoices/{id}/payments): the
    // services depend one way, payment -> invoice. Moving those routes to PaymentController removes it.
    write("invoice", "booking", "catalog", "customer", "giftcard", "outbox", "payment", "sales").api("Allocation");
    write("payment", "giftcard", "invoice", "outbox", "sales");
    write("webhook", "payment", "tenant");
    write("claim", "booking", "catalog", "customer", "invoice", "outbox", "payment");
    write("tracking", "outbox");
    write("backfill", "catalog", "payment", "tenant");
    // Pages: server-rendered HTML over the features' services (the booking page over the link's).
    write("page", "booking", "customer", "link");
    // The demo seeder is a client of the write side's services (claims and the tenant profile through the HTTP API).
    write("demo", "booking", "catalog", "customer", "giftcard", "invoice", "link", "outbox", "payment", "sales", "tenant");
    write("outbox").api("Outbox");
    // Read side: learns the world from events only, never from a write-side feature.
    read("projection").api("ProjectionApplier");
    read("projection.analytics", "projection").api("AnalyticsProjection", "EventLog");
    read("projection.finance", "projection").api("FinanceProjection");
    read("report", "projection", "projection.analytics", "projection.finance");
    // The staff dashboard: pages over the reports' service, nothing of the write side.
    read("dashboard", "report");
  }

  /**
   * A feature package: its dependencies and, beyond its {@code @Service} classes and the values
   * they speak (public records, enums, interfaces, exceptions), any further public entry types.
   */
  record Module(String name, boolean readSide, Set<String> uses, List<String> extraApi) {
    Module api(String... types) {
      Module withApi = new Module(name, readSide, uses, List.of(types));
      FEATURES.put(name, withApi);
      return withApi;
    }
  }

  private static Module write(String name, String... uses) {
    return put(new Module(name, false, Set.of(uses), List.of()));
  }

  private static Module read(String name, String... uses) {
    return put(new Module(name, true, Set.of(uses), List.of()));
  }

  private static Module put(Module module) {
    FEATURES.put(module.name(), module);
    return module;
  }

  /**
   * The module a package belongs to: a declared feature (or a package below it), the platform,
   * the events, the migrations, the root package ({@code ""}), or, for an undeclared package, its
   * first segment(s) so the test can name it.
   */
  static String moduleOf(String packageName) {
    if (packageName.equals(ROOT)) {
      return "";
    }
    String relative = packageName.substring(ROOT.length() + 1);
    Optional<String> feature = FEATURES.keySet().stream()
        .filter(name -> relative.equals(name) || relative.startsWith(name + "."))
        .max((a, b) -> Integer.compare(a.length(), b.length()));
    if (feature.isPresent()) {
      return feature.get();
    }
    int dot = relative.indexOf('.');
    return dot < 0 ? relative : relative.substring(0, dot);
  }

  static boolean isFeature(String module) {
    return FEATURES.containsKey(module);
  }

  private ModuleMap() {}
}
