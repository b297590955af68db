-- Payment-provider webhooks: the tenants' signing secrets, and an inbox where every verified
-- event is stored before it is answered, then processed (and retried) apart from the request.

-- A signing secret has to be usable to check signatures, so it cannot be hashed: it is kept
-- encrypted (AES-GCM, key from the configuration, never in the database). Two may be active at
-- once, so a secret can be rotated without dropping events.
CREATE TABLE webhook_secrets (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    provider    text        NOT NULL CHECK (provider IN ('stripe')),
    ciphertext  bytea       NOT NULL,
    hint        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    created_by  uuid        REFERENCES api_keys (id)
);
CREATE INDEX webhook_secrets_active_idx ON webhook_secrets (tenant_id, provider) WHERE revoked_at IS NULL;

CREATE TABLE webhook_inbox (
    id               uuid        PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    provider         text        NOT NULL,
    event_id         text        NOT NULL CHECK (char_length(event_id) BETWEEN 1 AND 255),
    event_type       text        NOT NULL,
    -- The raw body as received: the signature covered exactly these bytes.
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'PROCESSED', 'IGNORED', 'FAILED')),
    -- What processing did: "applied", "stale: ...", "unknown event type", ...
    outcome          text,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    received_at      timestamptz NOT NULL,
    processed_at     timestamptz,
    -- A provider sends an event more than once; the second copy finds this key and changes nothing.
    UNIQUE (tenant_id, provider, event_id)
);
-- Serves the processor's "due PENDING events" query.
CREATE INDEX webhook_inbox_due_idx ON webhook_inbox (next_attempt_at) WHERE status = 'PENDING';
-- Serves GET /v1/webhooks/events?status=.
CREATE INDEX webhook_inbox_tenant_idx ON webhook_inbox (tenant_id, status, received_at);
