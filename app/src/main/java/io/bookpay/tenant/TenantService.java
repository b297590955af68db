package io.bookpay.tenant;

import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.ApiKeyService;
import io.bookpay.platform.security.IssuedApiKey;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creates tenants together with their first, all-scopes API key. */
@Service
public class TenantService {

  /** A new tenant and the one chance to see its first key. */
  public record CreatedTenant(Tenant tenant, IssuedApiKey firstKey) {}

  private final TenantRepository tenants;
  private final ApiKeyService apiKeys;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;

  TenantService(TenantRepository tenants, ApiKeyService apiKeys, TransactionalOperator tx, Ids ids, Clock clock) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<CreatedTenant> create(String name) {
    Tenant tenant = new Tenant(ids.next(), name.trim(), clock.instant());
    return tenants.insert(tenant)
        .then(apiKeys.issue(tenant.id(), "first key", Set.of(Scope.ALL), null))
        .map(key -> new CreatedTenant(tenant, key))
        .as(tx::transactional);
  }

  /** A page of tenants, oldest first. */
  public Mono<Page<Tenant>> list(String cursor, int limit) {
    return Page.of(tenants.page(PageCursor.id(cursor), limit + 1), limit, t -> PageCursor.after(t.id()));
  }

  /** A new key for an existing tenant, e.g. when all its keys were lost or revoked; 404 for an unknown tenant. */
  public Mono<IssuedApiKey> issueKey(UUID tenantId, String name, Set<Scope> scopes) {
    return get(tenantId).flatMap(tenant -> apiKeys.issue(tenant.id(), name, scopes, null));
  }

  public Mono<Tenant> get(UUID id) {
    return tenants.find(id).switchIfEmpty(Mono.error(ApiException.notFound("Tenant " + id)));
  }

  /**
   * Locks the tenant's row inside the caller's transaction, so another feature can serialise
   * per-tenant work (e.g. a limit on active webhook secrets) without touching our table.
   */
  public Mono<Void> lock(UUID tenantId) {
    return tenants.lock(tenantId);
  }

  /** The demo tenant of a local run with a fresh key: the existing one if there is one, else a new one. */
  public Mono<CreatedTenant> demo(String name) {
    return tenants.findByName(name)
        .flatMap(existing -> apiKeys.issue(existing.id(), "local run " + clock.instant(), Set.of(Scope.ALL), null)
            .map(key -> new CreatedTenant(existing, key)))
        .switchIfEmpty(Mono.defer(() -> create(name)));
  }
}
