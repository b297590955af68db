package io.bookpay.dashboard;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;

/** The headers every dashboard page carries, and its refusal page. */
final class DashboardPages {

  /** Scripts and styles only from this origin: the charts' data travels as JSON, never as inline script. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private DashboardPages() {}

  static Rendering page(String view, Map<String, ?> model, HttpStatus status) {
    Rendering.Builder<?> builder = Rendering.view(view).model(model).status(status);
    builder.header("Content-Security-Policy", CSP);
    builder.header("Referrer-Policy", "same-origin");
    builder.header("X-Content-Type-Options", "nosniff");
    builder.header("X-Frame-Options", "DENY");
    builder.header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    return builder.build();
  }

  /** A refusal with a way back: 403 for a form that did not come from its page, 429, 400. */
  static Rendering refusal(HttpStatus status, String title, String text, String retryAfter) {
    Rendering.Builder<?> builder = Rendering.view("dashboard/refusal")
        .model(Map.of("title", title, "text", text, "status", status.value())).status(status);
    builder.header("Content-Security-Policy", CSP);
    builder.header("Referrer-Policy", "same-origin");
    builder.header("X-Content-Type-Options", "nosniff");
    builder.header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    if (retryAfter != null) {
      builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    return builder.build();
  }

  static Rendering seeOther(String location) {
    return Rendering.redirectTo(location).status(HttpStatus.SEE_OTHER).header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
        .build();
  }
}
