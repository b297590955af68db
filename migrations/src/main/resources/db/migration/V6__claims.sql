-- Insurance: plans with coverage rules and benefits, member enrolments, claims with their items,
-- status history and documents. Claims pay invoices through payments of method INSURANCE.

CREATE TABLE insurance_plans (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    payer       text        NOT NULL CHECK (char_length(payer) BETWEEN 1 AND 200),
    plan_code   text        NOT NULL CHECK (char_length(plan_code) BETWEEN 1 AND 50),
    active      boolean     NOT NULL DEFAULT true,
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX insurance_plans_code_uq ON insurance_plans (tenant_id, plan_code) WHERE deleted_at IS NULL;

-- What a plan pays for one service: coverage_percent of (amount − copay), at most
-- annual_limit_amount per member and calendar year (of the service date).
CREATE TABLE coverage_rules (
    id                   uuid          PRIMARY KEY,
    tenant_id            uuid          NOT NULL REFERENCES tenants (id),
    plan_id              uuid          NOT NULL REFERENCES insurance_plans (id),
    service_id           uuid          NOT NULL REFERENCES services (id),
    coverage_percent     numeric(5, 2) NOT NULL CHECK (coverage_percent BETWEEN 0 AND 100),
    copay_amount         bigint        NOT NULL CHECK (copay_amount >= 0),
    annual_limit_amount  bigint        CHECK (annual_limit_amount > 0),
    currency             text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    version              bigint        NOT NULL DEFAULT 0,
    created_at           timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL,
    deleted_at           timestamptz
);
CREATE UNIQUE INDEX coverage_rules_service_uq ON coverage_rules (plan_id, service_id) WHERE deleted_at IS NULL;

CREATE TABLE plan_benefits (
    id                uuid          PRIMARY KEY,
    tenant_id         uuid          NOT NULL REFERENCES tenants (id),
    plan_id           uuid          NOT NULL REFERENCES insurance_plans (id),
    description       text          NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
    discount_percent  numeric(5, 2) NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
    version           bigint        NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    deleted_at        timestamptz
);
CREATE INDEX plan_benefits_plan_idx ON plan_benefits (plan_id) WHERE deleted_at IS NULL;

CREATE TABLE enrolments (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    plan_id        uuid        NOT NULL REFERENCES insurance_plans (id),
    customer_id    uuid        NOT NULL REFERENCES customers (id),
    member_number  text        NOT NULL CHECK (char_length(member_number) BETWEEN 1 AND 64),
    valid_from     date        NOT NULL,
    valid_until    date,
    version        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE UNIQUE INDEX enrolments_member_uq ON enrolments (plan_id, member_number) WHERE deleted_at IS NULL;
CREATE INDEX enrolments_customer_idx ON enrolments (tenant_id, customer_id) WHERE deleted_at IS NULL;

CREATE TABLE claims (
    id                       uuid        PRIMARY KEY,
    tenant_id                uuid        NOT NULL REFERENCES tenants (id),
    customer_id              uuid        NOT NULL REFERENCES customers (id),
    plan_id                  uuid        NOT NULL REFERENCES insurance_plans (id),
    enrolment_id             uuid        NOT NULL REFERENCES enrolments (id),
    booking_id               uuid        REFERENCES bookings (id),
    invoice_id               uuid        REFERENCES invoices (id),
    status                   text        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED',
                                                                    'ADDITIONAL_INFO_REQUIRED')),
    currency                 text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    service_date             date        NOT NULL,
    claimed_amount           bigint      NOT NULL CHECK (claimed_amount > 0),
    expected_covered_amount  bigint      NOT NULL CHECK (expected_covered_amount BETWEEN 0 AND claimed_amount),
    approved_amount          bigint      CHECK (approved_amount BETWEEN 0 AND claimed_amount),
    payment_id               uuid        UNIQUE REFERENCES payments (id),
    notes                    text        CHECK (char_length(notes) <= 2000),
    version                  bigint      NOT NULL DEFAULT 0,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    created_by               uuid        REFERENCES api_keys (id),
    CHECK ((status = 'APPROVED') = (approved_amount IS NOT NULL))
);
CREATE INDEX claims_tenant_idx ON claims (tenant_id, id);
-- Serves the annual-limit usage: a member's claims in one plan.
CREATE INDEX claims_member_idx ON claims (enrolment_id, service_date);

CREATE TABLE claim_items (
    claim_id        uuid   NOT NULL REFERENCES claims (id),
    position        integer NOT NULL,
    service_id      uuid   NOT NULL REFERENCES services (id),
    amount          bigint NOT NULL CHECK (amount > 0),
    covered_amount  bigint NOT NULL CHECK (covered_amount BETWEEN 0 AND amount),
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE claim_status_history (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    claim_id     uuid        NOT NULL REFERENCES claims (id),
    from_status  text,
    to_status    text        NOT NULL,
    actor        text        NOT NULL,
    reason       text,
    at           timestamptz NOT NULL
);
CREATE INDEX claim_status_history_claim_idx ON claim_status_history (claim_id, id);

CREATE TABLE claim_documents (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    claim_id      uuid        NOT NULL REFERENCES claims (id),
    filename      text        NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes > 0),
    sha256        bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    -- Which DocumentStore holds the bytes, and its key for them.
    store         text        NOT NULL CHECK (store IN ('postgres', 'directory')),
    created_at    timestamptz NOT NULL,
    created_by    uuid        REFERENCES api_keys (id)
);
CREATE INDEX claim_documents_claim_idx ON claim_documents (claim_id, id);

-- The PostgreSQL DocumentStore's bytes.
CREATE TABLE document_contents (
    document_id  uuid  PRIMARY KEY,
    content      bytea NOT NULL
);

ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
    CHECK (method IN ('CARD', 'CASH', 'GIFT_CARD', 'EXTERNAL', 'INSURANCE'));
