package io.bookpay.dashboard;

import io.bookpay.platform.worker.WarmUps;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders every dashboard page once at startup (on the warm-up thread, see {@link WarmUps}), so
 * Thymeleaf reads and parses the templates here and not on the event loop of the first request (as
 * the booking pages' warm-up does).
 */
@Component
class DashboardWarmUp implements SmartInitializingSingleton {

  private final ITemplateEngine templates;
  private final WarmUps warmUps;

  DashboardWarmUp(ITemplateEngine templates, WarmUps warmUps) {
    this.templates = templates;
    this.warmUps = warmUps;
  }

  @Override
  public void afterSingletonsInstantiated() {
    warmUps.run(this::warmUp);
  }

  private void warmUp() {
    render("dashboard/login", Map.of("csrf", "c", "message", "m", "idle", "i", "lifetime", "l"));
    render("dashboard/refusal", Map.of("title", "t", "text", "x", "status", 403));
    View view = new View("bookings", "t", "n", "{}", List.of("a", "b"), List.of(List.of("1", "2")), List.of("Total", "2"));
    View empty = new View("funnel", "t", "n", "{}", List.of("a", "b"), List.of(), null);
    render("dashboard/index", Map.ofEntries(Map.entry("from", "2030-01-01"), Map.entry("to", "2030-01-30"), Map.entry("currency", "USD"),
        Map.entry("currencies", List.of("EUR", "USD")), Map.entry("zone", "UTC"), Map.entry("csrf", "c"), Map.entry("query", "?"),
        Map.entry("analyticsAsOf", "a"), Map.entry("analyticsLag", 0L), Map.entry("financeAsOf", "f"), Map.entry("financeLag", 0L),
        Map.entry("views", List.of(view, empty))));
  }

  private void render(String template, Map<String, Object> model) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    templates.process(template, context);
  }
}
