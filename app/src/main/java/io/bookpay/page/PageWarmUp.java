package io.bookpay.page;

import io.bookpay.booking.BookingStatus;
import io.bookpay.link.Link;
import io.bookpay.link.LinkPage;
import io.bookpay.link.LinkStatus;
import io.bookpay.link.PageBooked;
import io.bookpay.link.PublicSlot;
import io.bookpay.platform.worker.WarmUps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders every page once at startup. Thymeleaf reads and parses a template (and loads what it
 * needs from the class path) the first time it is used, then keeps it: doing that here keeps the
 * file I/O off the event loop, where the first client would otherwise pay for it. It runs on the
 * warm-up thread ({@link WarmUps}).
 */
@Component
class PageWarmUp implements SmartInitializingSingleton {

  private final ITemplateEngine templates;
  private final WarmUps warmUps;

  PageWarmUp(ITemplateEngine templates, WarmUps warmUps) {
    this.templates = templates;
    this.warmUps = warmUps;
  }

  @Override
  public void afterSingletonsInstantiated() {
    warmUps.run(this::warmUp);
  }

  private void warmUp() {
    Instant start = Instant.parse("2030-01-07T10:00:00Z");
    LinkPage link = new LinkPage("Warm-up clinic", null, "https://example.com/logo.png", "hello@example.com", "+1 555 0100", "1 Street",
        "Consultation", 60, 12_500, "USD", "Provider", "Main street", "1 Street", "UTC", LinkStatus.ACTIVE, null, start,
        new Link.Prefill("Ada", "ada@example.com", null), false);
    PageView page = PageView.of(link, start);
    LocalDate monday = LocalDate.parse("2030-01-07");
    Week week = Week.of(monday, null, List.of(new PublicSlot(start, start.plusSeconds(3600))), ZoneOffset.UTC, monday, null, "warm");
    render("page/link", Map.of("page", page, "week", week, "form", new BookingPageController.Form("k", null, "Ada", null, null, false),
        "action", "/b/warm", "customerKnown", false, "message", "m", "errors", Map.of("name", "n"),
        "nearest", List.of(Week.Time.of(new PublicSlot(start, start.plusSeconds(3600)), ZoneOffset.UTC, null)), "notOpenYet", "soon"));
    PageBooked booked = new PageBooked(link, BookingStatus.CONFIRMED, start, start.plusSeconds(3600), 12_500, "USD", start, true);
    render("page/booked", Map.ofEntries(Map.entry("page", page), Map.entry("booked", booked), Map.entry("cancelled", false),
        Map.entry("day", "d"), Map.entry("from", "f"), Map.entry("to", "t"), Map.entry("start", start.toString()), Map.entry("price", "p"),
        Map.entry("cancellableUntil", "c"), Map.entry("ics", "/i"), Map.entry("cancelAction", "/c"), Map.entry("message", "m")));
    render("page/refusal", Map.of("title", "t", "text", "x", "status", 404));
  }

  private void render(String template, Map<String, Object> model) {
    Context context = new Context(java.util.Locale.ENGLISH);
    context.setVariables(model);
    templates.process(template, context);
  }
}
