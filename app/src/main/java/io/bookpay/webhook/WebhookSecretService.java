package io.bookpay.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.clock.Randomness;
import io.bookpay.platform.secrets.SecretBox;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.tenant.TenantService;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenants' webhook signing secrets: at most two active per provider, so a secret can be
 * rotated (add the new one, switch the provider over, revoke the old one) without losing events.
 * Decrypted active secrets are cached for a few seconds per tenant: a burst of webhooks costs no
 * query each.
 */
@Service
public class WebhookSecretService {

  static final int MAX_ACTIVE = 2;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebhookSecretService.class);

  private final DatabaseClient db;
  private final TenantService tenants;
  private final SecretBox box;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final SecureRandom random = Randomness.secureRandom();
  private final Cache<UUID, List<String>> active = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000).build();

  WebhookSecretService(DatabaseClient db, TenantService tenants, SecretBox box, TransactionalOperator tx, Ids ids, Clock clock) {
    this.db = db;
    this.tenants = tenants;
    this.box = box;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Adds a secret: the provider's ({@code whsec_...} from the Stripe dashboard) or, when none is
   * given, a new random one, shown in this answer only. 409 when two are active already.
   */
  public Mono<WebhookSecret> add(Caller caller, String provider, String given) {
    String secret = given != null ? given : "whsec_" + randomPart();
    byte[] sealed = box.seal(secret);
    Instant now = clock.instant();
    UUID id = ids.next();
    String hint = secret.substring(Math.max(0, secret.length() - 4));
    // The tenant row lock serialises concurrent additions, so the limit of two holds.
    return tenants.lock(caller.tenantId())
        .then(db.sql("SELECT count(*) AS n FROM webhook_secrets WHERE tenant_id = :tenantId AND provider = :provider AND revoked_at IS NULL")
            .bind("tenantId", caller.tenantId()).bind("provider", provider).map(row -> row.get("n", Long.class)).one())
        .flatMap(n -> n >= MAX_ACTIVE
            ? Mono.error(new ApiException(ProblemType.CONFLICT,
                "Two " + provider + " secrets are active already; revoke the old one after switching the provider to the new one."))
            : db.sql("""
                    INSERT INTO webhook_secrets (id, tenant_id, provider, ciphertext, hint, created_at, created_by)
                    VALUES (:id, :tenantId, :provider, :ciphertext, :hint, :at, :actor)
                    """)
                .bind("id", id).bind("tenantId", caller.tenantId()).bind("provider", provider)
                .bind("ciphertext", ByteBuffer.wrap(sealed)).bind("hint", hint).bind("at", now)
                .bind("actor", Parameter.fromOrEmpty(caller.apiKeyId(), UUID.class))
                .then())
        .as(tx::transactional)
        .doOnSuccess(done -> active.invalidate(caller.tenantId()))
        .thenReturn(new WebhookSecret(id, provider, hint, now, null, secret));
  }

  public Flux<WebhookSecret> list(Caller caller) {
    return db.sql("SELECT id, provider, hint, created_at, revoked_at FROM webhook_secrets WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", caller.tenantId())
        .map(row -> new WebhookSecret(row.get("id", UUID.class), row.get("provider", String.class), row.get("hint", String.class),
            row.get("created_at", Instant.class), row.get("revoked_at", Instant.class), null))
        .all();
  }

  public Mono<WebhookSecret> revoke(Caller caller, UUID id) {
    return db.sql("""
            UPDATE webhook_secrets SET revoked_at = COALESCE(revoked_at, :now) WHERE tenant_id = :tenantId AND id = :id
            RETURNING id, provider, hint, created_at, revoked_at
            """)
        .bind("now", clock.instant()).bind("tenantId", caller.tenantId()).bind("id", id)
        .map(row -> new WebhookSecret(row.get("id", UUID.class), row.get("provider", String.class), row.get("hint", String.class),
            row.get("created_at", Instant.class), row.get("revoked_at", Instant.class), null))
        .one()
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook secret " + id)))
        .doOnSuccess(s -> active.invalidate(caller.tenantId()));
  }

  /** The tenant's active Stripe secrets, decrypted; empty for an unknown tenant or when none is set. */
  Mono<List<String>> activeStripeSecrets(UUID tenantId) {
    List<String> cached = active.getIfPresent(tenantId);
    if (cached != null) {
      return Mono.just(cached);
    }
    return db.sql("SELECT ciphertext FROM webhook_secrets WHERE tenant_id = :tenantId AND provider = 'stripe' AND revoked_at IS NULL")
        .bind("tenantId", tenantId)
        .map(row -> row.get("ciphertext", ByteBuffer.class))
        .all()
        .concatMap(buffer -> {
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          try {
            return Mono.just(box.open(bytes));
          } catch (RuntimeException e) {
            // A secret sealed under another key (the key was rotated without re-adding secrets) checks nothing.
            log.error("A webhook secret of tenant {} cannot be decrypted; re-add it", tenantId, e);
            return Mono.empty();
          }
        })
        .collectList()
        .doOnNext(secrets -> active.put(tenantId, List.copyOf(secrets)));
  }

  private String randomPart() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
