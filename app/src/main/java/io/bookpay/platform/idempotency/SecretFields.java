package io.bookpay.platform.idempotency;

import java.util.HashSet;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * Names the fields of a response that hold a secret shown once (a key, a link token, a gift card
 * code). The stored copy of the response, kept for idempotent replays, has them set to null: a
 * replay says what was created without handing the secret out a second time, and no secret rests
 * in the idempotency table.
 */
public final class SecretFields {

  static final String ATTRIBUTE = SecretFields.class.getName();

  private SecretFields() {}

  public static void mark(ServerWebExchange exchange, String... names) {
    Set<String> fields = exchange.getAttributeOrDefault(ATTRIBUTE, new HashSet<>());
    fields.addAll(Set.of(names));
    exchange.getAttributes().put(ATTRIBUTE, fields);
  }
}
