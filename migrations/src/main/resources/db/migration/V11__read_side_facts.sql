-- The read side's first facts (issue 14): a tenant's profile (time zone) and the analytics event log.

-- A tenant's calendar days are those of its IANA zone (UTC until it says otherwise), changed with
-- PATCH /v1/tenant under optimistic concurrency (version = the ETag). Constant defaults: stored
-- once in the catalog, no rewrite of the table; the CHECK scans it once (a table of tenants, small).
ALTER TABLE tenants ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CHECK (char_length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE tenants ADD COLUMN version bigint NOT NULL DEFAULT 0 CHECK (version >= 0);
ALTER TABLE tenants ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Every event the analytics consumer applied, one row each, ids and values only: names, emails,
-- phones and other free text are dropped from the payload before it is stored (EventLog). For a
-- custom event, event_type is the tenant's own type and occurred_at the time the client gave.
-- Written only by the consumer, in the transaction that records the batch in processed_events;
-- the primary key makes a redelivered event a no-op here too.
CREATE TABLE analytics_events (
    event_id        uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    event_type      text        NOT NULL CHECK (char_length(event_type) BETWEEN 1 AND 100),
    occurred_at     timestamptz NOT NULL,
    aggregate_type  text        NOT NULL,
    aggregate_id    uuid        NOT NULL,
    customer_id     uuid,
    link_id         uuid,
    session_id      text        CHECK (char_length(session_id) <= 128),
    data            jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- Reports by type over time, and the export filtered by type.
CREATE INDEX analytics_events_type_idx ON analytics_events (tenant_id, event_type, occurred_at);
-- One customer's or one session's journey; most events have neither, hence partial.
CREATE INDEX analytics_events_customer_idx ON analytics_events (tenant_id, customer_id, occurred_at) WHERE customer_id IS NOT NULL;
CREATE INDEX analytics_events_session_idx ON analytics_events (tenant_id, session_id, occurred_at) WHERE session_id IS NOT NULL;
-- The export of every type over a time range (GET /v1/analytics/events/export without type).
CREATE INDEX analytics_events_time_idx ON analytics_events (tenant_id, occurred_at);
