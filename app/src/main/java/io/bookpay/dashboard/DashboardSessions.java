package io.bookpay.dashboard;

import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.security.ApiKeyService;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Digests;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signs staff in and out of the dashboard. Signing in takes an API key holding reports:read and
 * makes a session: a random token for the cookie, stored only as its SHA-256 with the tenant and the
 * key's id. A session ends at its absolute lifetime, after its idle timeout, on sign-out, and as soon
 * as its key is revoked or no longer reads reports (checked on every request, in the database).
 */
@Component
class DashboardSessions {

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  /** A new session and the token its cookie carries (shown to this browser only, never stored). */
  record Opened(String token, DashboardSession session) {}

  private final SessionRepository sessions;
  private final ApiKeyService apiKeys;
  private final Clock clock;
  private final DashboardProperties properties;
  private final SecureRandom random = Randomness.secureRandom();
  /** last_seen_at is moved on at most this often: a request is a read, not a write. */
  private final Duration touchEvery;

  DashboardSessions(SessionRepository sessions, ApiKeyService apiKeys, Clock clock, DashboardProperties properties) {
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.clock = clock;
    this.properties = properties;
    Duration tenth = properties.idleTimeout().dividedBy(10);
    this.touchEvery = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
  }

  /** 401 for an unknown, revoked or malformed key, 403 for a key without reports:read. */
  Mono<Opened> signIn(String presentedKey) {
    String key = presentedKey == null ? "" : presentedKey.strip();
    return apiKeys.authenticate(key)
        .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNAUTHENTICATED, "This API key is not valid.")))
        .flatMap(caller -> {
          if (!caller.has(Scope.REPORTS_READ)) {
            return Mono.error(new ApiException(ProblemType.FORBIDDEN, "This API key lacks the scope 'reports:read'."));
          }
          return open(caller);
        });
  }

  private Mono<Opened> open(Caller caller) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = BASE64.encodeToString(bytes);
    Instant now = clock.instant();
    return sessions.insert(Digests.sha256(token), caller.tenantId(), caller.apiKeyId(), now, now.plus(properties.sessionLifetime()))
        .thenReturn(new Opened(token, new DashboardSession(caller.tenantId(), caller.apiKeyId(), csrfOf(token))));
  }

  /** The live session of a cookie's token, or empty; an ended session's row is deleted on the way. */
  Mono<DashboardSession> find(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Mono.empty();
    }
    byte[] hash = Digests.sha256(token);
    Instant now = clock.instant();
    return sessions.findLive(hash, now, now.minus(properties.idleTimeout()))
        .flatMap(row -> apiKeys.active(row.tenantId(), row.apiKeyId())
            .filter(caller -> caller.has(Scope.REPORTS_READ))
            .flatMap(caller -> (row.lastSeenAt().isBefore(now.minus(touchEvery)) ? sessions.touch(hash, now) : Mono.<Void>empty())
                .thenReturn(new DashboardSession(row.tenantId(), row.apiKeyId(), csrfOf(token)))))
        .switchIfEmpty(Mono.defer(() -> sessions.delete(hash).then(Mono.empty())));
  }

  Mono<Void> signOut(String token) {
    return token == null || token.isBlank() ? Mono.empty() : sessions.delete(Digests.sha256(token));
  }

  /** Deletes sessions that have ended; for the sweeper. */
  Mono<Integer> deleteEnded(int limit) {
    Instant now = clock.instant();
    return sessions.deleteEnded(now, now.minus(properties.idleTimeout()), limit);
  }

  static String csrfOf(String sessionToken) {
    return BASE64.encodeToString(Digests.sha256("dashboard-csrf:" + sessionToken));
  }
}
