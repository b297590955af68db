-- Rebuilds of a projection (POST /v1/admin/projections/{name}/rebuild): each replays the topics
-- from their first event into fresh tables in a schema of its own and swaps them in. A row per
-- rebuild, so its progress and outcome can be read from any instance and after a restart (a row
-- left RUNNING by a stopped instance is marked FAILED by the next instance that looks).
CREATE TABLE projection_rebuilds (
    id              uuid        PRIMARY KEY,
    consumer        text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    phase           text        NOT NULL CHECK (phase IN ('PREPARING', 'REPLAYING', 'SWITCHING', 'DONE')),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    events_replayed bigint      NOT NULL DEFAULT 0 CHECK (events_replayed >= 0),
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
-- At most one running rebuild per projection, held by the database as well as by the rebuild's lock.
CREATE UNIQUE INDEX projection_rebuilds_running_idx ON projection_rebuilds (consumer) WHERE state = 'RUNNING';
-- Serves the latest rebuild of a projection (GET .../rebuild).
CREATE INDEX projection_rebuilds_consumer_idx ON projection_rebuilds (consumer, started_at DESC);
CREATE TRIGGER projection_rebuilds_touch BEFORE UPDATE ON projection_rebuilds
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
