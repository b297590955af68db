package io.bookpay.page;

import io.bookpay.customer.NewCustomer;
import io.bookpay.link.LinkPage;
import io.bookpay.link.LinkPageService;
import io.bookpay.link.PublicSlot;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The booking page behind a link, {@code GET /b/{token}}: a week of free times in the location's
 * zone, a form that books without JavaScript, and friendly pages for every refusal. The link
 * service applies the JSON API's rules and limits and counts views and slot searches for the funnel.
 */
@Tag(name = "booking-page")
@Controller
@RequestMapping("/b")
class BookingPageController {

  static final String HTML_EXAMPLE = "<!doctype html><html lang=\"en\">...</html>";
  private static final int NEAREST = 5;

  private final LinkPageService pages;
  private final Validator validator;
  private final Clock clock;
  private final PageGuard guard;

  BookingPageController(LinkPageService pages, Validator validator, Clock clock, PageGuard guard) {
    this.pages = pages;
    this.validator = validator;
    this.clock = clock;
    this.guard = guard;
  }

  /** What the form holds: the link's prefill at first, what the client typed after a refusal. */
  record Form(String key, String start, String name, String email, String phone, boolean consent) {}

  @GetMapping(value = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "showBookingPage", summary = "The booking page of a link: a week of free times and the form",
      description = "Public: the token is the credential. Counts as a view and a slot search of the link's funnel. 404, 410 (used up,"
          + " revoked, expired) and 429 are pages too.",
      responses = @ApiResponse(responseCode = "200", description = "The page",
          content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"), examples = @ExampleObject(HTML_EXAMPLE))))
  Mono<Rendering> page(@PathVariable String token,
      @Parameter(description = "A day of the week to show (ISO date, the location's calendar)") @RequestParam(required = false) String week,
      @Parameter(description = "The day whose times are shown (ISO date)") @RequestParam(required = false) String day,
      ServerWebExchange exchange) {
    String ip = pages.clientOf(exchange.getRequest());
    Form empty = new Form(null, null, null, null, null, false);
    return pages.open(token, ip)
        .flatMap(page -> render(token, ip, page, date(week), date(day), empty, HttpStatus.OK, null, Map.of(), List.of()))
        .onErrorResume(ApiException.class, e -> Mono.just(Refusals.page(e)));
  }

  @PostMapping(value = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "bookOnBookingPage", summary = "Book from the booking page's form",
      description = """
          Public form post (application/x-www-form-urlencoded: key, start, name, email, phone, consent, week). Refused (403) \
          when the browser says it comes from another site (Origin, Sec-Fetch-Site). The form's key books once: a second post \
          with it shows the same booking. 303 to the confirmation page; 400 (the form again, with what to fix), 409 (slot \
          just taken: the nearest free times), 410, 429 as pages.""",
      responses = @ApiResponse(responseCode = "303", description = "Booked: see the confirmation page",
          content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"), examples = @ExampleObject(HTML_EXAMPLE))))
  Mono<Rendering> book(@PathVariable String token, ServerWebExchange exchange) {
    String ip = pages.clientOf(exchange.getRequest());
    return guard.sameSite(exchange)
        .then(exchange.getFormData())
        .flatMap(data -> book(token, ip, data))
        .onErrorResume(ApiException.class, e -> Mono.just(Refusals.page(e)));
  }

  private Mono<Rendering> book(String token, String ip, MultiValueMap<String, String> data) {
    Form form = new Form(data.getFirst("key"), data.getFirst("start"), trim(data.getFirst("name")), trim(data.getFirst("email")),
        trim(data.getFirst("phone")), "yes".equals(data.getFirst("consent")));
    LocalDate week = date(data.getFirst("week"));
    return pages.bookedWith(form.key(), ip).flatMap(done -> done ? Mono.just(confirmation(form.key())) : pages.open(token, ip).flatMap(page -> {
      Map<String, String> errors = new LinkedHashMap<>();
      Instant start = instant(form.start());
      if (start == null) {
        errors.put("start", "Pick a time.");
      }
      NewCustomer customer = page.customerKnown() ? null : new NewCustomer(form.name(), form.email(), form.phone());
      if (customer != null) {
        for (ConstraintViolation<NewCustomer> v : validator.validate(customer)) {
          String field = v.getPropertyPath().toString();
          errors.putIfAbsent(field.equals("reachable") ? "email" : field, sentence(field, v.getMessage()));
        }
      }
      if (!errors.isEmpty()) {
        return render(token, ip, page, week, start == null ? null : start.atZone(ZoneId.of(page.timeZone())).toLocalDate(), form,
            HttpStatus.BAD_REQUEST, "Please check the form.", errors, List.of());
      }
      return pages.book(token, ip, form.key(), start, customer, form.consent())
          .map(this::confirmation)
          .onErrorResume(ApiException.class, e -> taken(e)
              ? pages.nearest(token, ip, start, NEAREST).onErrorReturn(List.of())
                  .flatMap(nearest -> render(token, ip, page, week, start.atZone(ZoneId.of(page.timeZone())).toLocalDate(),
                      new Form(form.key(), null, form.name(), form.email(), form.phone(), form.consent()), HttpStatus.CONFLICT,
                      "Sorry, that time was just taken. Here are the nearest free times:", Map.of(), nearest))
              : Mono.error(e));
    }));
  }

  private Rendering confirmation(String pageToken) {
    return Rendering.redirectTo("/b/booking/" + pageToken).status(HttpStatus.SEE_OTHER).build();
  }

  /** The slot went to someone else, or is no longer one the link offers. */
  private static boolean taken(ApiException e) {
    return e.type() == ProblemType.SLOT_UNAVAILABLE || e.type() == ProblemType.UNPROCESSABLE;
  }

  private Mono<Rendering> render(String token, String ip, LinkPage page, LocalDate week, LocalDate day, Form form, HttpStatus status,
      String message, Map<String, String> errors, List<PublicSlot> nearest) {
    ZoneId zone = ZoneId.of(page.timeZone());
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate monday = week == null || week.isBefore(thisMonday) ? thisMonday : week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (day != null && !day.isBefore(thisMonday) && (week == null || day.isBefore(monday) || !day.isBefore(monday.plusDays(7)))) {
      monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    Instant from = monday.atStartOfDay(zone).toInstant();
    Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
    LocalDate shownMonday = monday;
    Mono<List<PublicSlot>> slots = pages.slots(token, ip, from, to)
        // Before the link opens the page can be seen, but it offers no times yet.
        .onErrorResume(ApiException.class, e -> e.type() == ProblemType.CONFLICT ? Mono.just(List.of()) : Mono.error(e));
    return slots.map(found -> {
      Week weekView = Week.of(shownMonday, day, found, zone, today, form.start(), token);
      Form shown = form.key() != null ? form : new Form(pages.newFormKey(), null,
          page.prefill() == null ? null : page.prefill().name(), page.prefill() == null ? null : page.prefill().email(),
          page.prefill() == null ? null : page.prefill().phone(), false);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("page", PageView.of(page, clock.instant()));
      model.put("week", weekView);
      model.put("form", shown);
      model.put("action", "/b/" + token);
      model.put("customerKnown", page.customerKnown());
      model.put("message", message);
      model.put("errors", errors);
      model.put("nearest", nearest.stream().map(s -> Week.Time.of(s, zone, form.start())).toList());
      model.put("notOpenYet", page.validFrom() != null && clock.instant().isBefore(page.validFrom())
          ? PageFormat.longDay(page.validFrom(), zone) + " " + PageFormat.time(page.validFrom(), zone) : null);
      return Refusals.secured(Rendering.view("page/link").model(model).status(status));
    });
  }

  private static LocalDate date(String value) {
    try {
      return value == null || value.isBlank() ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant instant(String value) {
    try {
      return value == null || value.isBlank() ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String sentence(String field, String message) {
    return switch (field) {
      case "name" -> "Please give your name.";
      case "email" -> "Please give a valid email address.";
      case "phone" -> "Please give a phone number such as +1 555 0100.";
      case "reachable" -> "Please give an email address or a phone number, so the business can reach you.";
      default -> field + " " + message;
    };
  }
}
