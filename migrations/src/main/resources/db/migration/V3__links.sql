-- Express booking links: a token texted to a client, which books without an account. Only the
-- token's SHA-256 is stored. The use count is checked by the database as well as by the code.
CREATE TABLE links (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    token_hash     bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    service_id     uuid        NOT NULL REFERENCES services (id),
    provider_id    uuid        REFERENCES providers (id),
    customer_id    uuid        REFERENCES customers (id),
    prefill_name   text        CHECK (char_length(prefill_name) <= 200),
    prefill_email  text        CHECK (char_length(prefill_email) <= 320),
    prefill_phone  text        CHECK (char_length(prefill_phone) <= 32),
    valid_from     timestamptz,
    expires_at     timestamptz,
    max_uses       integer     CHECK (max_uses >= 1),
    uses           integer     NOT NULL DEFAULT 0 CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)),
    revoked_at     timestamptz,
    version        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_by     uuid        REFERENCES api_keys (id),
    updated_by     uuid        REFERENCES api_keys (id),
    CHECK (expires_at IS NULL OR valid_from IS NULL OR expires_at > valid_from)
);
CREATE INDEX links_tenant_idx ON links (tenant_id, id);
