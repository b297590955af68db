-- The staff dashboard's sign-in sessions (issue 15): a person signs in with an API key holding
-- reports:read and the server keeps a session instead of the key. The browser holds only the
-- session's random token (256 bits, in an HttpOnly cookie); only its SHA-256 is stored, so a copy
-- of this table opens no session. Shared by every instance and kept across restarts.
CREATE TABLE dashboard_sessions (
    token_hash   bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    -- The key signed in with: a revoked key ends its sessions on their next request.
    api_key_id   uuid        NOT NULL REFERENCES api_keys (id),
    created_at   timestamptz NOT NULL,
    -- Absolute end, however active the session is.
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at),
    -- Moved on by requests (at most about once a minute); idle too long ends the session.
    last_seen_at timestamptz NOT NULL CHECK (last_seen_at >= created_at)
);
-- Serves the sweep of ended sessions.
CREATE INDEX dashboard_sessions_expires_idx ON dashboard_sessions (expires_at);
-- For the foreign keys (a tenant's or key's deletion looks its sessions up).
CREATE INDEX dashboard_sessions_tenant_idx ON dashboard_sessions (tenant_id, api_key_id);
CREATE INDEX dashboard_sessions_api_key_idx ON dashboard_sessions (api_key_id);
