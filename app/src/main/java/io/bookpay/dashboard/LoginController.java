package io.bookpay.dashboard;

import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ClientAddress;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.TokenBuckets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing in to the dashboard with an API key, and out. The key is checked once and dropped: the
 * browser gets a session cookie, never the key. Every form carries a CSRF token (the sign-in form's
 * from its own cookie, the signed-in forms' derived from the session), and sign-in attempts are
 * limited per client address like other credential checks.
 */
@Tag(name = "dashboard")
@Controller
@RequestMapping("/dashboard")
class LoginController {

  static final String HTML_EXAMPLE = "<!doctype html><html lang=\"en\">...</html>";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final DashboardSessions sessions;
  private final TokenBuckets attempts;
  private final ClientAddress clients;
  private final SecureRandom random = Randomness.secureRandom();
  private final String idle;
  private final String lifetime;

  LoginController(DashboardSessions sessions, DashboardProperties properties) {
    this.sessions = sessions;
    this.idle = words(properties.idleTimeout());
    this.lifetime = words(properties.sessionLifetime());
    this.attempts = new TokenBuckets(properties.loginAttempts(), properties.loginPeriod(), "Too many sign-in attempts from your address.");
    this.clients = new ClientAddress(properties.trustedProxies());
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "showDashboardLogin", summary = "The dashboard's sign-in form",
      description = "Public. Asks for an API key holding reports:read; sets the form's CSRF cookie. A browser already signed in is"
          + " sent (303) to the dashboard.",
      responses = @ApiResponse(responseCode = "200", description = "The form", content = @Content(mediaType = MediaType.TEXT_HTML_VALUE,
          schema = @Schema(type = "string"), examples = @ExampleObject(HTML_EXAMPLE))))
  Mono<Rendering> form(ServerWebExchange exchange) {
    if (DashboardGuard.session(exchange) != null) {
      return Mono.just(DashboardPages.seeOther("/dashboard"));
    }
    return Mono.just(form(exchange, HttpStatus.OK, null));
  }

  @PostMapping(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "signInToDashboard", summary = "Sign in to the dashboard with an API key",
      description = """
          Form post (application/x-www-form-urlencoded: key, csrf). 303 to the dashboard with a session cookie (HttpOnly, \
          SameSite=Strict, Path=/dashboard, Secure behind TLS); the key is not kept. 401 (unknown or revoked key) and 403 (a key \
          without reports:read) show the form again; a missing or wrong csrf is 403; too many attempts from one address 429.""",
      responses = @ApiResponse(responseCode = "303", description = "Signed in: see the dashboard",
          content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"),
              examples = @ExampleObject(HTML_EXAMPLE))))
  Mono<Rendering> signIn(ServerWebExchange exchange) {
    return Mono.fromRunnable(() -> attempts.consume(clients.of(exchange.getRequest())))
        .then(exchange.getFormData())
        .flatMap(data -> signIn(exchange, data))
        .onErrorResume(ApiException.class, e -> Mono.just(refusal(e)));
  }

  private Mono<Rendering> signIn(ServerWebExchange exchange, MultiValueMap<String, String> data) {
    if (!SessionCookies.sameToken(SessionCookies.get(exchange, SessionCookies.LOGIN_CSRF), data.getFirst("csrf"))) {
      return Mono.just(DashboardPages.refusal(HttpStatus.FORBIDDEN, "This form has expired",
          "For your safety the sign-in form only accepts what is sent from its own page. Please open the sign-in page again.", null));
    }
    // A session this browser may already hold goes: a sign-in always starts a fresh one (no fixation).
    String previous = SessionCookies.get(exchange, SessionCookies.SESSION);
    return sessions.signIn(data.getFirst("key"))
        .flatMap(opened -> sessions.signOut(previous).thenReturn(opened))
        .map(opened -> {
          SessionCookies.set(exchange, SessionCookies.SESSION, opened.token());
          SessionCookies.clear(exchange, SessionCookies.LOGIN_CSRF);
          return DashboardPages.seeOther("/dashboard");
        })
        .onErrorResume(ApiException.class, e -> e.type() == ProblemType.UNAUTHENTICATED || e.type() == ProblemType.FORBIDDEN
            ? Mono.just(form(exchange, e.type().status(), e.type() == ProblemType.FORBIDDEN
                ? "This API key may not read reports. Sign in with a key that holds the scope reports:read."
                : "This API key is not valid: it is unknown, mistyped or revoked."))
            : Mono.error(e));
  }

  @PostMapping(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "signOutOfDashboard", summary = "Sign out of the dashboard",
      description = "Form post (csrf) with the session cookie: ends the session on the server and clears the cookie; 303 to the"
          + " sign-in form. A missing or wrong csrf is 403; without a session, 303 to the sign-in form.",
      responses = @ApiResponse(responseCode = "303", description = "Signed out: see the sign-in form",
          content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"),
              examples = @ExampleObject(HTML_EXAMPLE))))
  Mono<Rendering> signOut(ServerWebExchange exchange) {
    DashboardSession session = DashboardGuard.session(exchange);
    return exchange.getFormData().flatMap(data -> {
      if (!SessionCookies.sameToken(session.csrfToken(), data.getFirst("csrf"))) {
        return Mono.just(DashboardPages.refusal(HttpStatus.FORBIDDEN, "This form has expired",
            "For your safety the dashboard only accepts forms sent from its own pages. Please go back and try again.", null));
      }
      return sessions.signOut(SessionCookies.get(exchange, SessionCookies.SESSION)).then(Mono.fromSupplier(() -> {
        SessionCookies.clear(exchange, SessionCookies.SESSION);
        return DashboardPages.seeOther(DashboardGuard.LOGIN);
      }));
    });
  }

  /** The form, with this browser's CSRF token (a new one, and its cookie, when it has none). */
  private Rendering form(ServerWebExchange exchange, HttpStatus status, String message) {
    String csrf = SessionCookies.get(exchange, SessionCookies.LOGIN_CSRF);
    if (csrf == null || csrf.length() != 43) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      csrf = BASE64.encodeToString(bytes);
      SessionCookies.set(exchange, SessionCookies.LOGIN_CSRF, csrf);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("csrf", csrf);
    model.put("message", message);
    model.put("idle", idle);
    model.put("lifetime", lifetime);
    return DashboardPages.page("dashboard/login", model, status);
  }

  /** "30 minutes", "12 hours", "90 seconds": how the form names the session's limits. */
  static String words(java.time.Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + (seconds == 3600 ? " hour" : " hours");
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
    }
    return seconds + " seconds";
  }

  private static Rendering refusal(ApiException e) {
    if (e.type() == ProblemType.RATE_LIMITED) {
      Object retry = e.properties().get("retryAfterSeconds");
      return DashboardPages.refusal(HttpStatus.TOO_MANY_REQUESTS, "Please wait a moment",
          "There have been too many sign-in attempts from your address. Please try again in " + retry + " seconds.",
          e.headers().getFirst(HttpHeaders.RETRY_AFTER));
    }
    return DashboardPages.refusal(e.type().status(), "Something is not right", e.getMessage(), null);
  }
}
