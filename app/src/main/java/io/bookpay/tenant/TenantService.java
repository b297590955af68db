package io.bookpay.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.events.Topics;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.cache.ChangeFeed;
import io.bookpay.platform.cache.TenantCache;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.ApiKeyService;
import io.bookpay.platform.security.IssuedApiKey;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.web.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates tenants together with their first, all-scopes API key, and keeps their profile (name,
 * time zone, branding), which it publishes as TenantProfileChanged so the read side learns the zone.
 * {@link #get} is served from memory for the public paths (see {@link TenantProperties}); the owner's
 * and the operator's reads use {@link #current}, from the table, so an ETag is never older than the row.
 */
@Service
public class TenantService {

  /** A new tenant and the one chance to see its first key. */
  public record CreatedTenant(Tenant tenant, IssuedApiKey firstKey) {}

  /** Tenants read per query when walking all of them. */
  private static final int ID_PAGE = 500;

  private final TenantRepository tenants;
  private final ApiKeyService apiKeys;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final TenantCache cache;

  TenantService(TenantRepository tenants, ApiKeyService apiKeys, Outbox outbox, TransactionalOperator tx, Ids ids, Clock clock,
      TenantProperties properties, ChangeFeed feed) {
    this.cache = new TenantCache(feed, Topics.TENANTS, properties.cacheTtl(), properties.cacheTtlLive(), properties.cacheSize());
    this.tenants = tenants;
    this.outbox = outbox;
    this.apiKeys = apiKeys;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  /** A new tenant (zone UTC), its first key, and its profile published, in one transaction. */
  public Mono<CreatedTenant> create(String name) {
    Instant now = clock.instant();
    Tenant tenant = new Tenant(ids.next(), name.trim(), Tenant.DEFAULT_TIME_ZONE, 0, now, now);
    return tenants.insert(tenant)
        .then(outbox.append(tenant.id(), profileChanged(tenant)))
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
    return current(tenantId).flatMap(tenant -> apiKeys.issue(tenant.id(), name, scopes, null));
  }

  /**
   * The tenant for the public paths (a link's page shows its name and branding), from memory: a
   * profile change clears it, at once on this instance and by its event on others, and a few
   * seconds' staleness at worst shows an old name or colour. A tenant has no state that refuses
   * bookings (no suspension), so nothing here can let a stopped tenant take one; such a state, once
   * added, must be checked from the table or cleared here with the same care.
   */
  public Mono<Tenant> get(UUID id) {
    return cache.get(id, Tenant.class, () -> tenants.find(id)).switchIfEmpty(Mono.error(() -> ApiException.notFound("Tenant " + id)));
  }

  /** The tenant from the table (the owner's and the operator's reads, a backfill). */
  public Mono<Tenant> current(UUID id) {
    return tenants.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Tenant " + id)));
  }

  /**
   * Applies a merge patch to the tenant's profile under its row lock. {@code expectedVersion} (from
   * If-Match) is optional; when given and stale, 412. A patch that changes nothing changes neither
   * the version nor publishes; a change publishes TenantProfileChanged in the same transaction.
   */
  Mono<Tenant> updateProfile(UUID tenantId, Long expectedVersion, ProfilePatch patch) {
    return tenants.findForUpdate(tenantId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Tenant " + tenantId)))
        .flatMap(current -> {
          if (expectedVersion != null && expectedVersion != current.version()) {
            return Mono.error(Versions.stale("The tenant profile", current.version()));
          }
          Tenant wanted = patched(current, patch);
          if (sameProfile(wanted, current)) {
            return Mono.just(current);
          }
          return tenants.updateProfile(wanted, clock.instant())
              .flatMap(updated -> outbox.append(tenantId, profileChanged(updated)).thenReturn(updated));
        })
        .as(tx::transactional)
        .doOnSuccess(done -> cache.invalidate(tenantId));
  }

  /**
   * Publishes the tenant's profile as it is (a backfill's snapshot), in the caller's transaction.
   *
   * @return 1, or an error for an unknown tenant
   */
  public Mono<Integer> publishSnapshot(UUID tenantId) {
    return current(tenantId).flatMap(tenant -> outbox.append(tenantId, profileChanged(tenant))).thenReturn(1);
  }

  /** Every tenant's id, oldest first, read a page at a time (for a backfill). */
  public Flux<UUID> allIds() {
    return Flux.defer(() -> pageOfIds(null)).expand(page -> page.size() < ID_PAGE ? Flux.empty() : pageOfIds(page.get(page.size() - 1)))
        .flatMapIterable(page -> page);
  }

  private Mono<List<UUID>> pageOfIds(UUID after) {
    return tenants.page(after, ID_PAGE).map(Tenant::id).collectList();
  }

  private static Tenant patched(Tenant t, ProfilePatch patch) {
    java.util.Map<String, String> b = patch.branding();
    return new Tenant(t.id(), patch.name() == null ? t.name() : patch.name(), patch.timeZone() == null ? t.timeZone() : patch.timeZone(),
        t.version(), t.createdAt(), t.updatedAt(),
        b.containsKey("displayName") ? b.get("displayName") : t.displayName(),
        b.containsKey("brandColor") ? b.get("brandColor") : t.brandColor(),
        b.containsKey("logoUrl") ? b.get("logoUrl") : t.logoUrl(),
        b.containsKey("contactEmail") ? b.get("contactEmail") : t.contactEmail(),
        b.containsKey("contactPhone") ? b.get("contactPhone") : t.contactPhone(),
        b.containsKey("address") ? b.get("address") : t.address());
  }

  private static boolean sameProfile(Tenant a, Tenant b) {
    return java.util.Objects.equals(a.name(), b.name()) && java.util.Objects.equals(a.timeZone(), b.timeZone())
        && java.util.Objects.equals(a.displayName(), b.displayName()) && java.util.Objects.equals(a.brandColor(), b.brandColor())
        && java.util.Objects.equals(a.logoUrl(), b.logoUrl()) && java.util.Objects.equals(a.contactEmail(), b.contactEmail())
        && java.util.Objects.equals(a.contactPhone(), b.contactPhone()) && java.util.Objects.equals(a.address(), b.address());
  }

  private static TenantProfileChanged profileChanged(Tenant t) {
    return new TenantProfileChanged(t.id(), t.name(), t.timeZone(), t.version(), t.displayName(), t.brandColor(), t.logoUrl(),
        t.contactEmail(), t.contactPhone(), t.address());
  }

  /**
   * Locks the tenant's row inside the caller's transaction, so another feature can serialise
   * per-tenant work (e.g. a limit on active webhook secrets) without touching our table.
   */
  public Mono<Void> lock(UUID tenantId) {
    return tenants.lock(tenantId);
  }

  /** The tenant of that name, if there is one (a demo seeder refuses to seed a second "Demo Clinic"). */
  public Mono<Tenant> named(String name) {
    return tenants.findByName(name);
  }

  /** The demo tenant of a local run with a fresh key: the existing one if there is one, else a new one. */
  public Mono<CreatedTenant> demo(String name) {
    return tenants.findByName(name)
        .flatMap(existing -> apiKeys.issue(existing.id(), "local run " + clock.instant(), Set.of(Scope.ALL), null)
            .map(key -> new CreatedTenant(existing, key)))
        .switchIfEmpty(Mono.defer(() -> create(name)));
  }
}
