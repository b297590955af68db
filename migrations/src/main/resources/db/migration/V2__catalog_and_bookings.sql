-- Catalog (locations, providers, services, working hours, time off) and bookings, with no double
-- booking held by an exclusion constraint.

-- gist operator classes for plain scalar types (uuid here), needed by the exclusion constraint.
-- Trusted since PostgreSQL 13, so a database owner may create it. Default operator classes are
-- found whatever the search path, so one copy per database serves every schema.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE locations (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    time_zone   text        NOT NULL,
    address     text        CHECK (char_length(address) <= 500),
    active      boolean     NOT NULL DEFAULT true,
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid        REFERENCES api_keys (id),
    updated_by  uuid        REFERENCES api_keys (id)
);
CREATE INDEX locations_tenant_idx ON locations (tenant_id, id);

CREATE TABLE providers (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    active      boolean     NOT NULL DEFAULT true,
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid        REFERENCES api_keys (id),
    updated_by  uuid        REFERENCES api_keys (id)
);
CREATE INDEX providers_tenant_idx ON providers (tenant_id, id);

CREATE TABLE provider_locations (
    tenant_id    uuid NOT NULL,
    provider_id  uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    location_id  uuid NOT NULL REFERENCES locations (id),
    PRIMARY KEY (provider_id, location_id)
);

CREATE TABLE services (
    id                     uuid        PRIMARY KEY,
    tenant_id              uuid        NOT NULL REFERENCES tenants (id),
    name                   text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    duration_minutes       integer     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    price_amount           bigint      NOT NULL CHECK (price_amount >= 0),
    currency               char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    buffer_before_minutes  integer     NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 720),
    buffer_after_minutes   integer     NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 720),
    min_notice_minutes     integer     NOT NULL DEFAULT 0 CHECK (min_notice_minutes >= 0),
    max_advance_days       integer     NOT NULL DEFAULT 90 CHECK (max_advance_days BETWEEN 1 AND 730),
    slot_interval_minutes  integer     NOT NULL CHECK (slot_interval_minutes BETWEEN 1 AND 1440),
    active                 boolean     NOT NULL DEFAULT true,
    deleted_at             timestamptz,
    version                bigint      NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    created_by             uuid        REFERENCES api_keys (id),
    updated_by             uuid        REFERENCES api_keys (id)
);
CREATE INDEX services_tenant_idx ON services (tenant_id, id) WHERE deleted_at IS NULL;

-- Which provider offers which service.
CREATE TABLE provider_services (
    tenant_id    uuid NOT NULL,
    provider_id  uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    service_id   uuid NOT NULL REFERENCES services (id),
    PRIMARY KEY (provider_id, service_id)
);
-- Serves "any provider who offers the service".
CREATE INDEX provider_services_service_idx ON provider_services (service_id, provider_id);

-- Weekly hours in the location's local time; ISO weekday 1 = Monday .. 7 = Sunday.
CREATE TABLE working_hours (
    id           uuid     PRIMARY KEY,
    tenant_id    uuid     NOT NULL,
    provider_id  uuid     NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    location_id  uuid     NOT NULL REFERENCES locations (id),
    weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time   time     NOT NULL,
    end_time     time     NOT NULL,
    created_by   uuid     REFERENCES api_keys (id),
    CHECK (end_time > start_time)
);
CREATE INDEX working_hours_provider_idx ON working_hours (provider_id);

CREATE TABLE time_off (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    provider_id  uuid        NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    period       tstzrange   NOT NULL CHECK (NOT isempty(period) AND lower_inf(period) = false AND upper_inf(period) = false),
    reason       text        CHECK (char_length(reason) <= 500),
    created_at   timestamptz NOT NULL,
    created_by   uuid        REFERENCES api_keys (id)
);
CREATE INDEX time_off_provider_idx ON time_off USING gist (provider_id, period);

CREATE TABLE bookings (
    id               uuid        PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    service_id       uuid        NOT NULL REFERENCES services (id),
    provider_id      uuid        NOT NULL REFERENCES providers (id),
    location_id      uuid        NOT NULL REFERENCES locations (id),
    customer_id      uuid        NOT NULL REFERENCES customers (id),
    status           text        NOT NULL CHECK (status IN ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'COMPLETED', 'NO_SHOW')),
    start_at         timestamptz NOT NULL,
    end_at           timestamptz NOT NULL,
    -- The time the provider is taken: the appointment widened by the service's buffers.
    blocked          tstzrange   NOT NULL,
    hold_expires_at  timestamptz,
    price_amount     bigint      NOT NULL CHECK (price_amount >= 0),
    currency         char(3)     NOT NULL,
    notes            text        CHECK (char_length(notes) <= 2000),
    version          bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    created_by       uuid        REFERENCES api_keys (id),
    updated_by       uuid        REFERENCES api_keys (id),
    CHECK (end_at > start_at),
    CHECK (status <> 'HELD' OR hold_expires_at IS NOT NULL),
    -- No double booking: two active bookings of one provider never overlap, buffers included.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (provider_id WITH =, blocked WITH &&)
        WHERE (status IN ('HELD', 'CONFIRMED'))
);
-- Serves listings by time and the cursor (tenant, start, id).
CREATE INDEX bookings_tenant_start_idx ON bookings (tenant_id, start_at, id);
CREATE INDEX bookings_tenant_customer_idx ON bookings (tenant_id, customer_id, start_at);
-- Serves the sweeper.
CREATE INDEX bookings_hold_expiry_idx ON bookings (hold_expires_at) WHERE status = 'HELD';

CREATE TABLE booking_status_history (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    booking_id   uuid        NOT NULL REFERENCES bookings (id),
    from_status  text,
    to_status    text        NOT NULL,
    actor        text        NOT NULL,
    reason       text,
    at           timestamptz NOT NULL
);
CREATE INDEX booking_status_history_booking_idx ON booking_status_history (booking_id, id);

-- Customers gain soft delete.
ALTER TABLE customers ADD COLUMN deleted_at timestamptz;
ALTER TABLE customers ADD COLUMN updated_by uuid REFERENCES api_keys (id);
-- A deleted customer's email may be registered again.
DROP INDEX customers_tenant_email_uq;
CREATE UNIQUE INDEX customers_tenant_email_uq ON customers (tenant_id, lower(email)) WHERE deleted_at IS NULL;
