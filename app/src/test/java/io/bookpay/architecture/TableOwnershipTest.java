package io.bookpay.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A package's SQL names only that package's tables: another feature's data is reached through
 * that feature's service (DESIGN.md). The SQL is read from the string literals and text blocks of
 * the sources under {@code app/src/main/java} (not from compiled constants: the compiler folds a
 * composed statement's fragments into the composer, and here each fragment must be judged where
 * it is written).
 */
class TableOwnershipTest {

  /**
   * Table -> the package (below {@code io.bookpay}) that owns it, and its sub-packages. Every table
   * of the migrations has an owner.
   */
  static final Map<String, String> OWNERS = Map.ofEntries(
      entry("tenants", "tenant"),
      entry("api_keys", "platform.security"),
      entry("dashboard_sessions", "dashboard"),
      entry("idempotency_keys", "platform.idempotency"),
      entry("customers", "customer"),
      entry("outbox", "outbox"),
      // Every consumer group's dedup of redelivered events.
      entry("processed_events", "projection"),
      entry("projection_dead_letters", "projection"),
      entry("projection_positions", "projection"),
      entry("projection_rebuilds", "projection"),
      entry("analytics_daily", "projection.analytics"),
      entry("analytics_events", "projection.analytics"),
      entry("analytics_tenant_zones", "projection.analytics"),
      entry("analytics_bookings", "projection.analytics"),
      entry("analytics_booking_activity", "projection.analytics"),
      entry("analytics_link_daily", "projection.analytics"),
      entry("analytics_claims", "projection.analytics"),
      entry("analytics_claim_activity", "projection.analytics"),
      entry("analytics_providers", "projection.analytics"),
      entry("analytics_provider_hours", "projection.analytics"),
      entry("analytics_locations", "projection.analytics"),
      entry("finance_tenant_zones", "projection.finance"),
      entry("finance_money", "projection.finance"),
      entry("finance_money_line_kinds", "projection.finance"),
      entry("finance_invoices", "projection.finance"),
      entry("finance_bookings", "projection.finance"),
      entry("finance_gift_card_moves", "projection.finance"),
      entry("finance_packages", "projection.finance"),
      entry("finance_package_moves", "projection.finance"),
      entry("finance_memberships", "projection.finance"),
      entry("finance_claims", "projection.finance"),
      entry("finance_claim_moves", "projection.finance"),
      entry("locations", "catalog"),
      entry("providers", "catalog"),
      entry("provider_locations", "catalog"),
      entry("services", "catalog"),
      entry("provider_services", "catalog"),
      entry("working_hours", "catalog"),
      entry("time_off", "catalog"),
      entry("bookings", "booking"),
      entry("booking_status_history", "booking"),
      entry("links", "link"),
      entry("link_page_bookings", "link"),
      entry("coupons", "sales"),
      entry("coupon_redemptions", "sales"),
      entry("package_definitions", "sales"),
      entry("package_purchases", "sales"),
      entry("package_redemptions", "sales"),
      entry("membership_tiers", "sales"),
      entry("memberships", "sales"),
      entry("invoices", "invoice"),
      entry("invoice_line_items", "invoice"),
      entry("gift_cards", "giftcard"),
      entry("gift_card_ledger", "giftcard"),
      entry("payments", "payment"),
      entry("refunds", "payment"),
      entry("refund_reversals", "payment"),
      entry("stripe_accounts", "payment"),
      entry("gateway_checks", "payment"),
      entry("payment_disputes", "payment"),
      entry("webhook_secrets", "webhook"),
      entry("webhook_inbox", "webhook"),
      entry("insurance_plans", "claim"),
      entry("coverage_rules", "claim"),
      entry("plan_benefits", "claim"),
      entry("enrolments", "claim"),
      entry("claims", "claim"),
      entry("claim_items", "claim"),
      entry("claim_status_history", "claim"),
      entry("claim_documents", "claim"),
      entry("document_contents", "claim"));

  /**
   * Exception 1, reconciliation: it recomputes the read side's totals from the source tables, so
   * it must read both sides. Classes of the {@code report} package named {@code Reconciliation*}
   * may read (FROM / JOIN) any table; what they write is still only their own.
   */
  static boolean readsEverything(String homePackage, String fileName) {
    return homePackage.equals("report") && fileName.startsWith("Reconciliation");
  }

  /**
   * Exception 2, a statement composed for speed (e.g. one data-modifying CTE per table, so one
   * round trip writes a booking, its customer, its history, a link's use and the outbox rows): each
   * fragment is a public constant of a {@code *SqlFragments} class in the package that owns its
   * table, where this test judges it; the composer only joins them, so its own literals name no
   * table. Those classes are the only non-service types another feature may use
   * ({@link ModuleBoundariesTest}).
   */
  static final String SQL_FRAGMENTS_SUFFIX = "SqlFragments";

  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");
  private static final Pattern TABLE_REFERENCE = Pattern.compile(
      "(?i)\\b(DELETE\\s+FROM|FROM|JOIN|USING|INTO|UPDATE|TABLE|TRUNCATE)\\s+(?:ONLY\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

  @Test
  void everyTableHasOneOwner() {
    Set<String> created = createdTables();
    assertThat(created).as("tables of the migrations").isNotEmpty();
    assertThat(created).as("tables without an owner: add them to TableOwnershipTest.OWNERS").isSubsetOf(OWNERS.keySet());
    assertThat(OWNERS.keySet()).as("owners of tables no migration creates").isSubsetOf(created);
  }

  @Test
  void eachPackageNamesOnlyItsOwnTables() {
    Map<String, Set<String>> foreign = new TreeMap<>();
    try (Stream<Path> files = Files.walk(repository().resolve("app/src/main/java"))) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
        String source = read(file);
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find() || !pkg.group(1).startsWith(ModuleMap.ROOT + ".")) {
          return;
        }
        String home = home(pkg.group(1));
        String fileName = file.getFileName().toString();
        Matcher reference = TABLE_REFERENCE.matcher(String.join(" ", JavaLiterals.strings(source)));
        while (reference.find()) {
          String table = reference.group(2).toLowerCase();
          String owner = OWNERS.get(table);
          boolean read = reference.group(1).equalsIgnoreCase("FROM") || reference.group(1).equalsIgnoreCase("JOIN");
          if (owner != null && !owns(home, owner) && !(read && readsEverything(home, fileName))) {
            foreign.computeIfAbsent(home + "/" + fileName, key -> new TreeSet<>()).add(table + " (owned by " + owner + ")");
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sqlFiles(foreign);
    assertThat(foreign).as("SQL naming another package's tables: call that package's service instead").isEmpty();
  }

  /** Statements kept in files beside their repository (SqlFile) speak for the package of their folder. */
  private static void sqlFiles(Map<String, Set<String>> foreign) {
    Path root = repository().resolve("app/src/main/resources");
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(file -> file.toString().endsWith(".sql")).forEach(file -> {
        String packageName = root.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
        if (!packageName.startsWith(ModuleMap.ROOT + ".")) {
          return;
        }
        String home = home(packageName);
        Matcher reference = TABLE_REFERENCE.matcher(read(file));
        while (reference.find()) {
          String table = reference.group(2).toLowerCase();
          String owner = OWNERS.get(table);
          if (owner != null && !owns(home, owner)) {
            foreign.computeIfAbsent(home + "/" + file.getFileName(), key -> new TreeSet<>()).add(table + " (owned by " + owner + ")");
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The package a file's SQL speaks for: its feature, or its platform concern (platform.db, ...). */
  static String home(String packageName) {
    String module = ModuleMap.moduleOf(packageName);
    return ModuleMap.isFeature(module) ? module : packageName.substring(ModuleMap.ROOT.length() + 1);
  }

  static boolean owns(String home, String owner) {
    return home.equals(owner) || home.startsWith(owner + ".");
  }

  static Set<String> createdTables() {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(repository().resolve("migrations/src/main/resources/db/migration"))) {
      files.filter(file -> file.toString().endsWith(".sql")).forEach(file -> {
        Matcher create = CREATE_TABLE.matcher(read(file));
        while (create.find()) {
          tables.add(create.group(1).toLowerCase());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  /** The repository's root: tests run in {@code app/}, an IDE may run them from the root. */
  static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("migrations")) ) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
