package io.bookpay.platform.security;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated tenant and key behind a request. Controllers take it as a parameter; every
 * query they cause filters on {@link #tenantId()}.
 *
 * @param apiKeyId the acting key, recorded on every write; null for a public link's client
 * @param actor how histories name the caller: {@code api-key:<id>} or {@code link:<id>}
 */
public record Caller(UUID tenantId, UUID apiKeyId, Set<Scope> scopes, String actor) {

  public static Caller apiKey(UUID tenantId, UUID apiKeyId, Set<Scope> scopes) {
    return new Caller(tenantId, apiKeyId, scopes, "api-key:" + apiKeyId);
  }

  /** A client acting through a public link: it may book and register itself, nothing else. */
  public static Caller link(UUID tenantId, UUID linkId) {
    return new Caller(tenantId, null, Set.of(Scope.BOOKINGS_WRITE, Scope.CUSTOMERS_WRITE), "link:" + linkId);
  }

  public boolean has(Scope scope) {
    return scopes.contains(Scope.ALL) || scopes.contains(scope);
  }

  /** Throws 403 unless the key holds the scope. */
  public Caller require(Scope scope) {
    if (!has(scope)) {
      throw new ApiException(
          ProblemType.FORBIDDEN, "This API key lacks the scope '" + scope.wireName() + "'.",
          java.util.Map.of("requiredScope", scope.wireName()));
    }
    return this;
  }
}
