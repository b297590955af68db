package io.bookpay.demo;

import io.bookpay.catalog.Offering;
import io.bookpay.platform.security.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What one seeding run has made so far: the ids it needs later and the counts its banner shows. */
final class DemoRun {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A gift card the clinic's clients can spend, with what is left on it as the seeder spent it. */
  static final class Card {
    final String code;
    long balance;

    Card(String code, long balance) {
      this.code = code;
      this.balance = balance;
    }
  }

  /** A package a client bought, and the sessions left. */
  static final class Bought {
    final UUID purchaseId;
    final int treatment;
    int left;

    Bought(UUID purchaseId, int treatment, int left) {
      this.purchaseId = purchaseId;
      this.treatment = treatment;
      this.left = left;
    }
  }

  /** The runtime side of a planned visit. */
  static final class Booked {
    UUID bookingId;
    UUID invoiceId;
    UUID paymentId;
    boolean byPackage;
    UUID claimId;
    long claimVersion;
    long claimCovered;
    String claimStatus;
    String status;
  }

  final DemoPlan plan;
  final Caller caller;
  final DemoApi api;
  final List<UUID> locations = new ArrayList<>();
  final List<Offering> services = new ArrayList<>();
  final List<UUID> providers = new ArrayList<>();
  final List<UUID> customers = new ArrayList<>();
  final List<UUID> packages = new ArrayList<>();
  final List<UUID> tiers = new ArrayList<>();
  final List<String> insurancePlans = new ArrayList<>();
  final List<Card> cards = new ArrayList<>();
  final Map<Integer, Bought> bought = new HashMap<>();
  final Map<DemoPlan.Visit, Booked> booked = new HashMap<>();
  final List<String> openLinks = new ArrayList<>();
  final Timeline timeline = new Timeline();
  final Map<String, Long> counts = new TreeMap<>();
  long ips;

  DemoRun(DemoPlan plan, Caller caller, DemoApi api) {
    this.plan = plan;
    this.caller = caller;
    this.api = api;
  }

  void count(String what) {
    count(what, 1);
  }

  void count(String what, long n) {
    counts.merge(what, n, Long::sum);
  }

  Booked of(DemoPlan.Visit visit) {
    return booked.computeIfAbsent(visit, v -> new Booked());
  }

  /** A client address from the documentation range, a new one per visitor. */
  String nextIp() {
    ips++;
    return "198.51.100." + (1 + ips % 250);
  }

  static <T> T await(Mono<T> step) {
    return step.block(TIMEOUT);
  }
}
