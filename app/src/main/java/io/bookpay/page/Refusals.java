package io.bookpay.page;

import io.bookpay.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * A friendly page for every refusal of the booking pages, with the API's status: 404 unknown, 410
 * used up / revoked / expired, 429 with when to retry, 409, 403, 400, 503. Every page gets the same
 * safety headers: the token is in the URL, so no referrer leaves and nothing is cached.
 */
final class Refusals {

  /** Scripts only from this origin, styles inline (the brand colour), images over https (the logo). */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:;"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private Refusals() {}

  static Rendering page(ApiException e) {
    HttpStatus status = e.type().status();
    Map<String, Object> model = new LinkedHashMap<>();
    Object retry = e.properties().get("retryAfterSeconds");
    String[] words = switch (status) {
      case NOT_FOUND -> new String[] {"Link not found",
          "We could not find this link. Please check that it was copied completely, or ask the business to send it again."};
      case GONE -> gone(String.valueOf(e.properties().get("linkStatus")));
      case TOO_MANY_REQUESTS -> new String[] {"Please wait a moment",
          "There have been too many requests for this page. Please try again in " + (retry == null ? "a minute" : retry + " seconds") + "."};
      case FORBIDDEN -> new String[] {"This form cannot be sent from here",
          "For your safety the booking form only accepts what is sent from its own page. Please open the link again."};
      case CONFLICT -> new String[] {"Not possible right now", e.getMessage()};
      case SERVICE_UNAVAILABLE -> new String[] {"Temporarily unavailable",
          "Booking is unavailable for a moment. Please try again in " + (retry == null ? "a minute" : retry + " seconds") + "."};
      default -> new String[] {"Something is not right", e.getMessage()};
    };
    model.put("title", words[0]);
    model.put("text", words[1]);
    model.put("status", status.value());
    Rendering.Builder<?> builder = Rendering.view("page/refusal").model(model).status(status);
    String retryAfter = e.headers().getFirst(HttpHeaders.RETRY_AFTER);
    if (retryAfter != null) {
      builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    return secured(builder);
  }

  private static String[] gone(String linkStatus) {
    return switch (linkStatus) {
      case "EXHAUSTED" -> new String[] {"This link has been used up",
          "It has already been used for a booking, as often as the business allowed. To book again, please ask the business for a new link."};
      case "REVOKED" -> new String[] {"This link was withdrawn",
          "The business has withdrawn this link. Please contact them for a new one."};
      case "EXPIRED" -> new String[] {"This link has expired",
          "It could be used until a certain date, which has passed. Please ask the business for a new link."};
      default -> new String[] {"This link is no longer available", "Please ask the business for a new link."};
    };
  }

  /** The page with the headers every booking page carries. */
  static Rendering secured(Rendering.Builder<?> builder) {
    builder.header("Content-Security-Policy", CSP);
    builder.header("Referrer-Policy", "same-origin");
    builder.header("X-Content-Type-Options", "nosniff");
    builder.header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    return builder.build();
  }
}
