package io.bookpay.demo;

import static io.bookpay.demo.DemoRun.await;

import io.bookpay.catalog.CatalogService;
import io.bookpay.catalog.LocationInput;
import io.bookpay.catalog.OfferingInput;
import io.bookpay.catalog.ProviderInput;
import io.bookpay.catalog.WorkingHours;
import io.bookpay.customer.Customer;
import io.bookpay.customer.CustomerService;
import io.bookpay.customer.NewCustomer;
import io.bookpay.giftcard.GiftCardService;
import io.bookpay.sales.CouponService;
import io.bookpay.sales.PlanService;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The clinic as it stands before its month starts: profile, locations, services, providers with
 * hours and time off, customers, packages, membership tiers, a coupon, insurance plans with their
 * members, and a few promotional gift cards.
 */
@Component
class DemoSetup {

  static final String COUPON = "WELCOME10";

  private final CatalogService catalog;
  private final CustomerService customers;
  private final PlanService plans;
  private final CouponService coupons;
  private final GiftCardService giftCards;

  DemoSetup(CatalogService catalog, CustomerService customers, PlanService plans, CouponService coupons, GiftCardService giftCards) {
    this.catalog = catalog;
    this.customers = customers;
    this.plans = plans;
    this.coupons = coupons;
    this.giftCards = giftCards;
  }

  void run(DemoRun run) {
    run.api.patch("/v1/tenant", DemoCatalog.profile());
    for (DemoCatalog.Place place : DemoCatalog.PLACES) {
      run.locations.add(await(catalog.createLocation(run.caller, new LocationInput(place.name(), place.zone(), place.address()))).id());
    }
    run.count("locations", run.locations.size());
    for (DemoCatalog.Treatment t : DemoCatalog.TREATMENTS) {
      run.services.add(await(catalog.createOffering(run.caller, new OfferingInput(t.name(), t.minutes(), t.price(), DemoCatalog.CURRENCY,
          t.bufferBefore(), t.bufferAfter(), t.minNotice(), 90, 15))));
    }
    run.count("services", run.services.size());
    for (DemoCatalog.Practitioner who : DemoCatalog.PRACTITIONERS) {
      UUID location = run.locations.get(who.place());
      List<UUID> offered = who.treatments().stream().map(i -> run.services.get(i).id()).toList();
      UUID id = await(catalog.createProvider(run.caller, new ProviderInput(who.name(), List.of(location), offered))).id();
      List<WorkingHours> hours = new ArrayList<>();
      for (DayOfWeek day : who.hours().days()) {
        hours.add(new WorkingHours(location, day.getValue(), who.hours().from(), who.hours().to()));
      }
      await(catalog.replaceHours(run.caller, id, hours));
      run.providers.add(id);
    }
    run.count("providers", run.providers.size());
    for (DemoPlan.Away away : DemoPlan.TIME_OFF) {
      await(catalog.addTimeOff(run.caller, run.providers.get(away.provider()),
          DemoPlan.at(run.plan.anchor, away.provider(), away.fromDay(), away.fromTime()),
          DemoPlan.at(run.plan.anchor, away.provider(), away.toDay(), away.toTime()), away.reason()));
    }
    // A few at a time, kept in their order: customer i is the same person in every run.
    run.customers.addAll(await(Flux.range(0, DemoCatalog.CUSTOMERS)
        .flatMapSequential(i -> customers.register(run.caller,
            new NewCustomer(DemoCatalog.customerName(i), DemoCatalog.customerEmail(i), DemoCatalog.customerPhone(i))), 4)
        .map(Customer::id)
        .collectList()));
    run.count("customers", DemoCatalog.CUSTOMERS);
    sales(run);
    insurance(run);
    for (int i = 0; i < 6; i++) {
      promote(run, 100 + i * 7, i % 2 == 0 ? 2_500 : 5_000);
    }
  }

  /** A gift card the clinic gives away (no payment), for its clients to spend. */
  void promote(DemoRun run, int customer, long amount) {
    String code = await(giftCards.issue(run.caller, amount, DemoCatalog.CURRENCY, run.customers.get(customer), null)).code();
    run.cards.add(new DemoRun.Card(code, amount));
    run.count("giftCards.issued");
  }

  private void sales(DemoRun run) {
    run.packages.add(await(plans.createPackage(run.caller, "Physio 5-pack", run.services.get(2).id(), 5, 50_000, DemoCatalog.CURRENCY)).id());
    run.packages.add(await(plans.createPackage(run.caller, "Massage 3-pack", run.services.get(3).id(), 3, 27_000, DemoCatalog.CURRENCY)).id());
    run.tiers.add(await(plans.createTier(run.caller, "Wellness", 4_900, DemoCatalog.CURRENCY, "MONTH")).id());
    run.tiers.add(await(plans.createTier(run.caller, "Wellness Plus", 9_900, DemoCatalog.CURRENCY, "MONTH")).id());
    await(coupons.create(run.caller, COUPON, 10, null, null, null, null, null, null));
  }

  /** Two payers, the insured services covered, customers 0..29 enrolled (even in the first plan, odd in the second). */
  private void insurance(DemoRun run) {
    String[][] payers = {{"Northwind Choice PPO", "Northwind Health", "NW-PPO", "80", "2000"},
        {"Contoso Basic", "Contoso Mutual", "CM-BASIC", "70", "1500"}};
    for (String[] p : payers) {
      String planId = (String) run.api.post("/v1/insurance-plans", Map.of("name", p[0], "payer", p[1], "planCode", p[2])).get("id");
      for (int t = 0; t < DemoCatalog.TREATMENTS.size(); t++) {
        if (DemoCatalog.TREATMENTS.get(t).insured()) {
          Map<String, Object> rule = new LinkedHashMap<>();
          rule.put("serviceId", run.services.get(t).id().toString());
          rule.put("coveragePercent", Integer.parseInt(p[3]));
          rule.put("copayAmount", Long.parseLong(p[4]));
          rule.put("annualLimitAmount", 200_000);
          rule.put("currency", DemoCatalog.CURRENCY);
          run.api.post("/v1/insurance-plans/" + planId + "/coverage-rules", rule);
        }
      }
      run.insurancePlans.add(planId);
    }
    for (int i = 0; i < DemoCatalog.INSURED; i++) {
      run.api.post("/v1/enrolments", Map.of("customerId", run.customers.get(i).toString(), "planId", run.insurancePlans.get(i % 2),
          "memberNumber", "M" + (100_000 + i * 37), "validFrom", run.plan.anchor.minusDays(400).toString()));
    }
  }
}
