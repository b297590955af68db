package io.bookpay.platform.security;

import io.bookpay.platform.clock.Ids;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Issues, authenticates, lists and revokes API keys. */
@Service
public class ApiKeyService {

  private final ApiKeyRepository keys;
  private final ApiKeyFormat format = new ApiKeyFormat();
  private final Ids ids;
  private final Clock clock;
  /** Authenticated callers by the SHA-256 of the presented key; only successes are cached. */
  private final Cache<ByteBuffer, Caller> authenticated;

  ApiKeyService(ApiKeyRepository keys, Ids ids, Clock clock, SecurityProperties properties) {
    this.keys = keys;
    this.ids = ids;
    this.clock = clock;
    this.authenticated = Caffeine.newBuilder()
        .maximumSize(properties.apiKeyCacheTtl().isZero() ? 0 : 10_000)
        .expireAfterWrite(properties.apiKeyCacheTtl())
        .build();
  }

  /**
   * Issues a key; joins the caller's transaction if there is one (the first key is created with its
   * tenant, atomically).
   */
  public Mono<IssuedApiKey> issue(UUID tenantId, String name, Set<Scope> scopes, UUID createdBy) {
    ApiKeyFormat.NewKey key = format.generate();
    UUID id = ids.next();
    var now = clock.instant();
    List<String> scopeNames = scopes.stream().map(Scope::wireName).sorted().toList();
    return keys.insert(id, tenantId, name, key.prefix(), key.hash(), scopeNames, now, createdBy)
        .thenReturn(new IssuedApiKey(id, name, key.prefix(), scopeNames, now, key.key()));
  }

  /** The caller a presented key stands for, or empty when the key is unknown, revoked or malformed. */
  public Mono<Caller> authenticate(String presentedKey) {
    Optional<String> prefix = ApiKeyFormat.prefixOf(presentedKey);
    if (prefix.isEmpty()) {
      return Mono.empty();
    }
    ByteBuffer hash = ByteBuffer.wrap(ApiKeyFormat.sha256(presentedKey));
    Caller cached = authenticated.getIfPresent(hash);
    if (cached != null) {
      return Mono.just(cached);
    }
    return keys.findActiveByPrefix(prefix.get())
        .filter(stored -> ApiKeyFormat.sameHash(hash.array(), stored.hash()))
        .map(stored -> Caller.apiKey(stored.tenantId(), stored.id(), scopesOf(stored.scopes())))
        .doOnNext(caller -> authenticated.put(hash, caller));
  }

  /**
   * The caller one of the tenant's keys stands for while it is not revoked; empty once it is (or
   * for no such key). Always asks the database: a session made from a key ends as soon as the key
   * is revoked, on any instance.
   */
  public Mono<Caller> active(UUID tenantId, UUID keyId) {
    return keys.findActive(tenantId, keyId).map(scopes -> Caller.apiKey(tenantId, keyId, scopesOf(scopes)));
  }

  public Flux<ApiKey> list(UUID tenantId) {
    return keys.list(tenantId);
  }

  /**
   * Revokes a key of the caller's tenant; 404 when the tenant has no such key, 403 when the key
   * holds a scope the caller lacks (a narrow key cannot cut off a broader one). Revoking twice is fine.
   */
  public Mono<Void> revoke(Caller caller, UUID keyId) {
    return keys.scopes(caller.tenantId(), keyId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("API key " + keyId)))
        .flatMap(scopes -> {
          for (Scope scope : scopesOf(scopes.toArray(String[]::new))) {
            if (!caller.has(scope)) {
              return Mono.error(new ApiException(ProblemType.FORBIDDEN,
                  "A key cannot revoke a key holding the scope '" + scope.wireName() + "', which it lacks itself."));
            }
          }
          return keys.revoke(caller.tenantId(), keyId, clock.instant());
        })
        .doOnNext(revoked -> authenticated.asMap().values().removeIf(cached -> cached.apiKeyId().equals(keyId)))
        .then();
  }

  private static Set<Scope> scopesOf(String[] names) {
    return java.util.Arrays.stream(names)
        .map(Scope::fromWireName)
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }
}
