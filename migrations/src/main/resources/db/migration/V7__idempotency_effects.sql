-- Set in the same transaction as a request's first change: a key whose request died after
-- committing its change but before its answer was stored is never run a second time.
ALTER TABLE idempotency_keys ADD COLUMN effects_committed boolean NOT NULL DEFAULT false;
