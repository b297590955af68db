-- Money: coupons, packages, memberships, gift cards, invoices, payments, refunds, and the
-- idempotency keys every mutating POST accepts. Amounts are bigint minor units with an ISO 4217
-- code beside them. The rules that keep money right are constraints here (no negative balance,
-- no over-payment, no over-refund, no coupon beyond its limit); the services add checks with
-- clear answers on top, never instead.

CREATE TABLE coupons (
    id                uuid        PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    code              text        NOT NULL CHECK (code ~ '^[A-Z0-9_-]{3,40}$'),
    kind              text        NOT NULL CHECK (kind IN ('PERCENT', 'FIXED')),
    percent_off       integer     CHECK (percent_off BETWEEN 1 AND 100),
    amount_off        bigint      CHECK (amount_off > 0),
    currency          text        CHECK (currency ~ '^[A-Z]{3}$'),
    valid_from        timestamptz,
    valid_until       timestamptz,
    max_redemptions   integer     CHECK (max_redemptions > 0),
    max_per_customer  integer     CHECK (max_per_customer > 0),
    redemptions       integer     NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
    active            boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL,
    CHECK ((kind = 'PERCENT' AND percent_off IS NOT NULL AND amount_off IS NULL)
        OR (kind = 'FIXED' AND amount_off IS NOT NULL AND currency IS NOT NULL AND percent_off IS NULL)),
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from),
    -- The limit holds even against an update that forgot to check it.
    CHECK (max_redemptions IS NULL OR redemptions <= max_redemptions),
    UNIQUE (tenant_id, code)
);

CREATE TABLE package_definitions (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    service_id    uuid        NOT NULL REFERENCES services (id),
    sessions      integer     NOT NULL CHECK (sessions BETWEEN 1 AND 1000),
    price_amount  bigint      NOT NULL CHECK (price_amount >= 0),
    currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);
CREATE INDEX package_definitions_tenant_idx ON package_definitions (tenant_id, id);

CREATE TABLE membership_tiers (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    price_amount  bigint      NOT NULL CHECK (price_amount >= 0),
    currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period        text        NOT NULL CHECK (period IN ('MONTH', 'YEAR')),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);
CREATE INDEX membership_tiers_tenant_idx ON membership_tiers (tenant_id, id);

CREATE TABLE invoices (
    id               uuid        PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    customer_id      uuid        NOT NULL REFERENCES customers (id),
    booking_id       uuid        REFERENCES bookings (id),
    currency         text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status           text        NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'PAID', 'VOID')),
    coupon_id        uuid        REFERENCES coupons (id),
    subtotal         bigint      NOT NULL CHECK (subtotal >= 0),
    discount         bigint      NOT NULL CHECK (discount >= 0 AND discount <= subtotal),
    tax              bigint      NOT NULL CHECK (tax >= 0),
    total            bigint      NOT NULL,
    amount_paid      bigint      NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    -- Card payments the gateway has not confirmed yet: reserved, so two of them cannot over-pay.
    amount_pending   bigint      NOT NULL DEFAULT 0 CHECK (amount_pending >= 0),
    amount_refunded  bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
    balance_due      bigint      GENERATED ALWAYS AS (total - amount_paid) STORED,
    refund_status    text        GENERATED ALWAYS AS (
                                   CASE WHEN amount_refunded = 0 THEN 'NONE'
                                        WHEN amount_refunded >= amount_paid THEN 'REFUNDED'
                                        ELSE 'PARTIALLY_REFUNDED' END) STORED,
    due_at           timestamptz,
    version          bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    finalized_at     timestamptz,
    paid_at          timestamptz,
    voided_at        timestamptz,
    created_by       uuid        REFERENCES api_keys (id),
    CHECK (total = subtotal - discount + tax),
    CHECK (amount_paid + amount_pending <= total),
    CHECK (amount_refunded <= amount_paid),
    CHECK (status <> 'PAID' OR amount_paid = total)
);
CREATE INDEX invoices_tenant_idx ON invoices (tenant_id, id);
CREATE INDEX invoices_customer_idx ON invoices (tenant_id, customer_id, id);
-- One live invoice per booking.
CREATE UNIQUE INDEX invoices_booking_uq ON invoices (booking_id) WHERE booking_id IS NOT NULL AND status <> 'VOID';

CREATE TABLE invoice_line_items (
    invoice_id    uuid        NOT NULL REFERENCES invoices (id),
    position      integer     NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('SERVICE', 'PRODUCT', 'PACKAGE', 'MEMBERSHIP', 'GIFT_CARD')),
    description   text        NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
    quantity      integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_amount   bigint      NOT NULL CHECK (unit_amount >= 0),
    amount        bigint      NOT NULL CHECK (amount = quantity * unit_amount),
    discount      bigint      NOT NULL CHECK (discount BETWEEN 0 AND amount),
    tax_rate      numeric(7, 4) NOT NULL CHECK (tax_rate BETWEEN 0 AND 100),
    tax           bigint      NOT NULL CHECK (tax >= 0),
    ref_id        uuid,
    PRIMARY KEY (invoice_id, position)
);

-- Who used which coupon on which invoice; the per-customer limit counts these rows.
CREATE TABLE coupon_redemptions (
    coupon_id    uuid        NOT NULL REFERENCES coupons (id),
    invoice_id   uuid        NOT NULL UNIQUE REFERENCES invoices (id),
    customer_id  uuid        NOT NULL REFERENCES customers (id),
    amount       bigint      NOT NULL CHECK (amount >= 0),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (coupon_id, invoice_id)
);
CREATE INDEX coupon_redemptions_customer_idx ON coupon_redemptions (coupon_id, customer_id);

-- A gift card's balance is the sum of its ledger; both change in one statement each, under the
-- card's row lock, and the balance can never go below zero. Codes are stored as SHA-256 only.
CREATE TABLE gift_cards (
    id              uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    code_hash       bytea       NOT NULL UNIQUE CHECK (octet_length(code_hash) = 32),
    last4           text        NOT NULL,
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    initial_amount  bigint      NOT NULL CHECK (initial_amount > 0),
    balance         bigint      NOT NULL CHECK (balance >= 0),
    -- PENDING: sold on an invoice that is not paid yet; ACTIVE: redeemable; VOID: never paid for.
    status          text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'VOID')),
    customer_id     uuid        REFERENCES customers (id),
    invoice_id      uuid        REFERENCES invoices (id),
    expires_at      timestamptz,
    version         bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    CHECK (status = 'ACTIVE' OR balance = 0)
);
CREATE INDEX gift_cards_tenant_idx ON gift_cards (tenant_id, id);
CREATE INDEX gift_cards_invoice_idx ON gift_cards (invoice_id) WHERE invoice_id IS NOT NULL;

CREATE TABLE gift_card_ledger (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gift_card_id   uuid        NOT NULL REFERENCES gift_cards (id),
    kind           text        NOT NULL CHECK (kind IN ('ISSUE', 'REDEEM', 'REFUND', 'ADJUST')),
    -- Signed: ISSUE and REFUND add, REDEEM takes away, ADJUST either way.
    amount         bigint      NOT NULL CHECK (amount <> 0),
    balance_after  bigint      NOT NULL CHECK (balance_after >= 0),
    payment_id     uuid,
    refund_id      uuid,
    note           text        CHECK (char_length(note) <= 500),
    at             timestamptz NOT NULL,
    CHECK ((kind IN ('ISSUE', 'REFUND') AND amount > 0) OR (kind = 'REDEEM' AND amount < 0) OR kind = 'ADJUST')
);
CREATE INDEX gift_card_ledger_card_idx ON gift_card_ledger (gift_card_id, id);

CREATE TABLE payments (
    id                     uuid        PRIMARY KEY,
    tenant_id              uuid        NOT NULL REFERENCES tenants (id),
    invoice_id             uuid        NOT NULL REFERENCES invoices (id),
    method                 text        NOT NULL CHECK (method IN ('CARD', 'CASH', 'GIFT_CARD', 'EXTERNAL')),
    status                 text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    amount                 bigint      NOT NULL CHECK (amount > 0),
    currency               text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_refunded        bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
    -- Card refunds the gateway has not confirmed: reserved against the payment's amount.
    amount_refund_pending  bigint      NOT NULL DEFAULT 0 CHECK (amount_refund_pending >= 0),
    gift_card_id           uuid        REFERENCES gift_cards (id),
    gateway_reference      text,
    failure_reason         text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    created_by             uuid        REFERENCES api_keys (id),
    CHECK (amount_refunded + amount_refund_pending <= amount),
    CHECK (status = 'SUCCEEDED' OR (amount_refunded = 0 AND amount_refund_pending = 0)),
    CHECK ((method = 'GIFT_CARD') = (gift_card_id IS NOT NULL))
);
CREATE INDEX payments_invoice_idx ON payments (invoice_id, id);
CREATE UNIQUE INDEX payments_gateway_reference_uq ON payments (gateway_reference) WHERE gateway_reference IS NOT NULL;

CREATE TABLE refunds (
    id                 uuid        PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    payment_id         uuid        NOT NULL REFERENCES payments (id),
    invoice_id         uuid        NOT NULL REFERENCES invoices (id),
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    amount             bigint      NOT NULL CHECK (amount > 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reason             text        CHECK (char_length(reason) <= 500),
    gateway_reference  text,
    failure_reason     text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    created_by         uuid        REFERENCES api_keys (id)
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, id);
CREATE UNIQUE INDEX refunds_gateway_reference_uq ON refunds (gateway_reference) WHERE gateway_reference IS NOT NULL;

CREATE TABLE package_purchases (
    id                  uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    package_id          uuid        NOT NULL REFERENCES package_definitions (id),
    customer_id         uuid        NOT NULL REFERENCES customers (id),
    invoice_id          uuid        NOT NULL REFERENCES invoices (id),
    service_id          uuid        NOT NULL REFERENCES services (id),
    sessions_total      integer     NOT NULL CHECK (sessions_total > 0),
    sessions_remaining  integer     NOT NULL CHECK (sessions_remaining BETWEEN 0 AND sessions_total),
    created_at          timestamptz NOT NULL
);
CREATE INDEX package_purchases_customer_idx ON package_purchases (tenant_id, customer_id, id);

CREATE TABLE package_redemptions (
    purchase_id  uuid        NOT NULL REFERENCES package_purchases (id),
    -- A booking uses at most one session of any package.
    booking_id   uuid        NOT NULL UNIQUE REFERENCES bookings (id),
    at           timestamptz NOT NULL,
    PRIMARY KEY (purchase_id, booking_id)
);

CREATE TABLE memberships (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id),
    tier_id       uuid        NOT NULL REFERENCES membership_tiers (id),
    customer_id   uuid        NOT NULL REFERENCES customers (id),
    invoice_id    uuid        REFERENCES invoices (id),
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    price_amount  bigint      NOT NULL CHECK (price_amount >= 0),
    currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period        text        NOT NULL CHECK (period IN ('MONTH', 'YEAR')),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
    ended_at      timestamptz,
    created_at    timestamptz NOT NULL
);
CREATE INDEX memberships_customer_idx ON memberships (tenant_id, customer_id, id);

-- V1's table keyed keys by tenant; public endpoints have none, so keys are now kept per scope:
-- the tenant id for API callers, a hash of the public resource for public ones. Nothing used it yet.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope            text        NOT NULL,
    idempotency_key  text        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    request_hash     bytea       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('IN_FLIGHT', 'COMPLETED')),
    response_status  integer,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL,
    -- An IN_FLIGHT row whose owner died is taken over after this.
    locked_until     timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
