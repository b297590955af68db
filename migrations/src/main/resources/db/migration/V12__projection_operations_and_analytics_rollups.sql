-- The read side's operations (dead letters, stored consumer positions, pruning processed_events)
-- and the analytics rollups behind /v1/reports/bookings, /funnel and /claims. Every table here is
-- written only by a Kafka consumer and derived only from events (no foreign key to the write side).
-- Runs outside a transaction (see the .conf beside it) for CREATE INDEX CONCURRENTLY on
-- processed_events, so each statement is safe to repeat.

-- Serves the pruning of processed_events after the retention (bookpay.projections.processed-events-retention).
CREATE INDEX CONCURRENTLY IF NOT EXISTS processed_events_processed_at_idx ON processed_events (processed_at);

-- Events that decode but cannot be applied, parked so their partition moves on; an operator lists
-- and retries them (/v1/admin/projections/dead-letters). One row per consumer and event.
CREATE TABLE IF NOT EXISTS projection_dead_letters (
    id            uuid        PRIMARY KEY,
    consumer      text        NOT NULL,
    event_id      uuid        NOT NULL,
    tenant_id     uuid        NOT NULL,
    event_type    text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    topic         text        NOT NULL,
    kafka_partition integer   NOT NULL CHECK (kafka_partition >= 0),
    kafka_offset  bigint      NOT NULL CHECK (kafka_offset >= 0),
    envelope      jsonb       NOT NULL,
    error         text        NOT NULL,
    attempts      integer     NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (consumer, event_id)
);
CREATE OR REPLACE TRIGGER projection_dead_letters_touch BEFORE UPDATE ON projection_dead_letters
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Where each consumer group stands per partition, written in the transaction of the batch it
-- applied: the consumer resumes from here (not only from Kafka's committed offsets, which expire),
-- and last_event_at is the projection's asOf.
CREATE TABLE IF NOT EXISTS projection_positions (
    consumer        text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL CHECK (kafka_partition >= 0),
    next_offset     bigint      NOT NULL CHECK (next_offset >= 0),
    last_event_at   timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, topic, kafka_partition)
);
CREATE OR REPLACE TRIGGER projection_positions_touch BEFORE UPDATE ON projection_positions
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The tenant's IANA zone as the analytics consumer last learnt it (TenantProfileChanged, whose
-- profile version orders snapshots); a tenant without a row is in UTC. Activity is bucketed into
-- the zone's days when it is applied.
CREATE TABLE IF NOT EXISTS analytics_tenant_zones (
    tenant_id    uuid        PRIMARY KEY,
    time_zone    text        NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    version      bigint      NOT NULL,
    changed_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE TRIGGER analytics_tenant_zones_touch BEFORE UPDATE ON analytics_tenant_zones
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- One row per booking the analytics consumer has seen: whether its creation was counted (the
-- first of BookingHeld / BookingConfirmed), the link it was made through (LinkUsed, which travels
-- on another topic and may arrive first, leaving a row with created_day still null), and its
-- current time, provider and status for utilisation (state_at: the event that set them).
CREATE TABLE IF NOT EXISTS analytics_bookings (
    tenant_id    uuid        NOT NULL,
    booking_id   uuid        NOT NULL,
    link_id      uuid,
    created_day  date,
    provider_id  uuid,
    location_id  uuid,
    start_at     timestamptz,
    end_at       timestamptz,
    status       text        CHECK (status IN ('HELD', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW', 'EXPIRED')),
    state_at     timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, booking_id)
);
CREATE OR REPLACE TRIGGER analytics_bookings_touch BEFORE UPDATE ON analytics_bookings
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- Serves the funnel's per-link join and the bookings report's linkId filter.
CREATE INDEX IF NOT EXISTS analytics_bookings_link_idx ON analytics_bookings (tenant_id, link_id) WHERE link_id IS NOT NULL;
-- Serves utilisation: one tenant's bookings by the time they take place.
CREATE INDEX IF NOT EXISTS analytics_bookings_start_idx ON analytics_bookings (tenant_id, start_at) WHERE start_at IS NOT NULL;

-- The catalog as the analytics consumer learnt it (ProviderChanged, LocationChanged snapshots; an
-- older version than the stored one changes nothing): providers with their weekly hours, and the
-- locations' zones those hours are read in. Utilisation's working minutes come from here.
CREATE TABLE IF NOT EXISTS analytics_providers (
    tenant_id    uuid        NOT NULL,
    provider_id  uuid        NOT NULL,
    name         text,
    active       boolean     NOT NULL,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider_id)
);
CREATE OR REPLACE TRIGGER analytics_providers_touch BEFORE UPDATE ON analytics_providers
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A provider's weekly windows (ISO weekday, local start inclusive, end exclusive, at a location),
-- replaced whole by each newer snapshot.
CREATE TABLE IF NOT EXISTS analytics_provider_hours (
    tenant_id    uuid        NOT NULL,
    provider_id  uuid        NOT NULL,
    location_id  uuid        NOT NULL,
    weekday      smallint    NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time   time        NOT NULL,
    end_time     time        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS analytics_provider_hours_provider_idx ON analytics_provider_hours (tenant_id, provider_id);

CREATE TABLE IF NOT EXISTS analytics_locations (
    tenant_id    uuid        NOT NULL,
    location_id  uuid        NOT NULL,
    time_zone    text        NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, location_id)
);
CREATE OR REPLACE TRIGGER analytics_locations_touch BEFORE UPDATE ON analytics_locations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Booking activity, one row per thing that happened, on the tenant's calendar day when it was
-- applied, with the booking's service, provider and location at that moment. The link is joined
-- from analytics_bookings at read time, so it counts whichever topic arrived first.
CREATE TABLE IF NOT EXISTS analytics_booking_activity (
    tenant_id    uuid        NOT NULL,
    booking_id   uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('CREATED', 'CONFIRMED', 'CANCELLED', 'NO_SHOW', 'COMPLETED', 'RESCHEDULED')),
    day          date        NOT NULL,
    service_id   uuid,
    provider_id  uuid,
    location_id  uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, booking_id, event_id, kind)
);
-- Serves the reports' range scans: one tenant, a range of days.
CREATE INDEX IF NOT EXISTS analytics_booking_activity_day_idx ON analytics_booking_activity (tenant_id, day);

-- Link views (a LinkViewed of n views adds n) and public slot searches per link and day.
CREATE TABLE IF NOT EXISTS analytics_link_daily (
    tenant_id      uuid    NOT NULL,
    day            date    NOT NULL,
    link_id        uuid    NOT NULL,
    views          bigint  NOT NULL DEFAULT 0 CHECK (views >= 0),
    slot_searches  bigint  NOT NULL DEFAULT 0 CHECK (slot_searches >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, day, link_id)
);
CREATE OR REPLACE TRIGGER analytics_link_daily_touch BEFORE UPDATE ON analytics_link_daily
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- One row per claim seen: its plan (the payer's) and when it was submitted, for the time to decision.
CREATE TABLE IF NOT EXISTS analytics_claims (
    tenant_id     uuid        NOT NULL,
    claim_id      uuid        NOT NULL,
    plan_id       uuid,
    payer         text,
    submitted_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, claim_id)
);
CREATE OR REPLACE TRIGGER analytics_claims_touch BEFORE UPDATE ON analytics_claims
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Claim activity per day: submissions and decisions, a decision with the seconds since submission.
CREATE TABLE IF NOT EXISTS analytics_claim_activity (
    tenant_id         uuid    NOT NULL,
    claim_id          uuid    NOT NULL,
    event_id          uuid    NOT NULL,
    kind              text    NOT NULL CHECK (kind IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
    day               date    NOT NULL,
    plan_id           uuid,
    payer             text,
    decision_seconds  bigint  CHECK (decision_seconds >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, claim_id, event_id, kind)
);
CREATE INDEX IF NOT EXISTS analytics_claim_activity_day_idx ON analytics_claim_activity (tenant_id, day);
