package io.bookpay.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as listed: never the key itself, only its public prefix. */
public record ApiKey(UUID id, String name, String prefix, List<String> scopes, Instant createdAt, Instant revokedAt) {}
