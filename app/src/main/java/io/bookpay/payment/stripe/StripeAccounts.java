package io.bookpay.payment.stripe;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookpay.platform.secrets.SecretBox;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tenants' connected Stripe accounts ({@code stripe_accounts}): one per tenant, its restricted
 * secret key sealed with {@link SecretBox}. Decrypted credentials are cached for a few seconds per
 * tenant, so a burst of card payments costs no query each; connecting or disconnecting clears this
 * instance's entry at once.
 */
@Component
public class StripeAccounts {

  /** What a call to Stripe for a tenant needs. */
  record Credentials(String secretKey, String publishableKey, String statementDescriptorSuffix) {}

  private final DatabaseClient db;
  private final SecretBox box;
  private final Clock clock;
  private final Cache<UUID, Optional<Credentials>> cache = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000).build();

  StripeAccounts(DatabaseClient db, SecretBox box, Clock clock) {
    this.db = db;
    this.box = box;
    this.clock = clock;
  }

  /** Connects (or replaces) the caller's Stripe account; 400 when the keys do not belong together. */
  public Mono<StripeSettings> connect(Caller caller, String secretKey, String publishableKey, String suffix) {
    boolean live = secretKey.contains("_live_");
    if (live != publishableKey.startsWith("pk_live_")) {
      return Mono.error(Problems.invalid("publishableKey", "must be of the same mode as secretKey (both test or both live)"));
    }
    Instant now = clock.instant();
    String hint = "…" + secretKey.substring(secretKey.length() - 4);
    byte[] sealed = box.seal(secretKey);
    return db.sql("""
            INSERT INTO stripe_accounts (tenant_id, secret_key_ciphertext, secret_key_hint, publishable_key, statement_descriptor_suffix,
                livemode, created_at, updated_at, updated_by)
            VALUES (:tenantId, :ciphertext, :hint, :publishable, :suffix, :live, :now, :now, :actor)
            ON CONFLICT (tenant_id) DO UPDATE SET secret_key_ciphertext = EXCLUDED.secret_key_ciphertext,
                secret_key_hint = EXCLUDED.secret_key_hint, publishable_key = EXCLUDED.publishable_key,
                statement_descriptor_suffix = EXCLUDED.statement_descriptor_suffix, livemode = EXCLUDED.livemode,
                updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """)
        .bind("tenantId", caller.tenantId()).bind("ciphertext", ByteBuffer.wrap(sealed)).bind("hint", hint)
        .bind("publishable", publishableKey).bind("suffix", Parameter.fromOrEmpty(suffix, String.class)).bind("live", live)
        .bind("now", now).bind("actor", Parameter.fromOrEmpty(caller.apiKeyId(), UUID.class))
        .then()
        .doOnSuccess(done -> cache.invalidate(caller.tenantId()))
        .thenReturn(new StripeSettings(hint, publishableKey, suffix, live, now));
  }

  /** The caller's connected account; 404 when it has connected none. */
  public Mono<StripeSettings> get(Caller caller) {
    return db.sql("""
            SELECT secret_key_hint, publishable_key, statement_descriptor_suffix, livemode, updated_at
            FROM stripe_accounts WHERE tenant_id = :tenantId
            """)
        .bind("tenantId", caller.tenantId())
        .map(row -> new StripeSettings(row.get("secret_key_hint", String.class), row.get("publishable_key", String.class),
            row.get("statement_descriptor_suffix", String.class), Boolean.TRUE.equals(row.get("livemode", Boolean.class)),
            row.get("updated_at", Instant.class)))
        .one()
        .switchIfEmpty(Mono.error(() -> notConnected()));
  }

  /** Disconnects the caller's account: card payments are refused from now on; 404 when none is connected. */
  public Mono<Void> disconnect(Caller caller) {
    return db.sql("DELETE FROM stripe_accounts WHERE tenant_id = :tenantId")
        .bind("tenantId", caller.tenantId())
        .fetch().rowsUpdated()
        .doOnSuccess(n -> cache.invalidate(caller.tenantId()))
        .flatMap(n -> n == 0 ? Mono.error(notConnected()) : Mono.empty());
  }

  /** The tenant's credentials, decrypted; empty when it has not connected Stripe. */
  Mono<Credentials> credentials(UUID tenantId) {
    Optional<Credentials> cached = cache.getIfPresent(tenantId);
    if (cached != null) {
      return Mono.justOrEmpty(cached);
    }
    return db.sql("""
            SELECT secret_key_ciphertext, publishable_key, statement_descriptor_suffix FROM stripe_accounts WHERE tenant_id = :tenantId
            """)
        .bind("tenantId", tenantId)
        .map(row -> {
          ByteBuffer buffer = row.get("secret_key_ciphertext", ByteBuffer.class);
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          return new Credentials(box.open(bytes), row.get("publishable_key", String.class),
              row.get("statement_descriptor_suffix", String.class));
        })
        .one()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .doOnNext(found -> cache.put(tenantId, found))
        .flatMap(Mono::justOrEmpty);
  }

  private static ApiException notConnected() {
    return new ApiException(ProblemType.NOT_FOUND, "This business has not connected a Stripe account.",
        java.util.Map.of("code", "stripe-not-connected"));
  }
}
