package io.bookpay.platform.security;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated tenant and key behind a request. Controllers take it as a parameter; every
 * query they cause filters on {@link #tenantId()}.
 */
public record Caller(UUID tenantId, UUID apiKeyId, Set<Scope> scopes) {

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
