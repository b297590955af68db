-- Foundation: tenants and their API keys, the first feature (customers), the outbox and the
-- consumers' bookkeeping. Every object is created in the schema Flyway runs in (default
-- "bookpay"); names are unqualified so the schema stays configurable.

CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL
);

-- Keys look like "bpk_<prefix>_<secret>". Only the SHA-256 of the whole key is stored; the
-- prefix finds the row without a scan and is safe to show in listings.
CREATE TABLE api_keys (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    prefix        text        NOT NULL UNIQUE,
    key_hash      bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    uuid        REFERENCES api_keys (id),
    revoked_at    timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);

CREATE TABLE customers (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    email       text        CHECK (char_length(email) <= 320),
    phone       text        CHECK (char_length(phone) <= 32),
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid        REFERENCES api_keys (id)
);
-- One customer per email per tenant, compared case-insensitively; also serves GET ?email=.
CREATE UNIQUE INDEX customers_tenant_email_uq ON customers (tenant_id, lower(email));
-- Serves listing in id (= creation, ids are time-ordered) order with a keyset cursor.
CREATE INDEX customers_tenant_id_idx ON customers (tenant_id, id);

-- Events written in the same transaction as the change they describe. The relay publishes
-- unpublished rows in id order and stamps published_at; a cleaner deletes old published rows.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    tenant_id       uuid        NOT NULL,
    aggregate_type  text        NOT NULL,
    aggregate_id    uuid        NOT NULL,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    -- json, not jsonb: the published bytes are exactly the ones the codec wrote.
    envelope        json        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);
-- Serves the relay's "WHERE published_at IS NULL ORDER BY id" and the pending-count gauge.
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
-- Serves the retention cleaner.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Events a consumer has applied; a redelivered event finds its row and changes nothing.
CREATE TABLE processed_events (
    consumer      text        NOT NULL,
    event_id      uuid        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Stored first responses of mutating requests, replayed for a retried request with the same key.
CREATE TABLE idempotency_keys (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    idempotency_key  text        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    method           text        NOT NULL,
    path             text        NOT NULL,
    request_hash     bytea       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('IN_FLIGHT', 'COMPLETED')),
    response_status  integer,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Projection of the analytics consumer: events per tenant, type and UTC day.
CREATE TABLE analytics_daily (
    tenant_id   uuid    NOT NULL,
    day         date    NOT NULL,
    event_type  text    NOT NULL,
    count       bigint  NOT NULL CHECK (count >= 0),
    PRIMARY KEY (tenant_id, day, event_type)
);
