package io.bookpay.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key just issued. {@code key} appears in this one response and is never retrievable again. */
public record IssuedApiKey(UUID id, String name, String prefix, List<String> scopes, Instant createdAt, String key) {}
