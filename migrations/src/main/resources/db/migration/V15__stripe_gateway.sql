-- Real card payments through Stripe (issue 18): each tenant's connected Stripe account, what Stripe
-- said about a failed or waiting card payment, the charges and refunds whose outcome at Stripe is not
-- known yet (looked up by the reconciler until Stripe answers), and card disputes.

-- One connected Stripe account per tenant. The restricted secret key is AES-256-GCM sealed with
-- bookpay.secrets.key (nonce ‖ sealed bytes); only its last four characters are shown again.
CREATE TABLE stripe_accounts (
    tenant_id                    uuid        PRIMARY KEY REFERENCES tenants (id),
    secret_key_ciphertext        bytea       NOT NULL,
    secret_key_hint              text        NOT NULL CHECK (char_length(secret_key_hint) <= 8),
    publishable_key              text        NOT NULL CHECK (publishable_key ~ '^pk_(test|live)_[A-Za-z0-9_]+$'),
    statement_descriptor_suffix  text        CHECK (char_length(statement_descriptor_suffix) BETWEEN 1 AND 22),
    livemode                     boolean     NOT NULL,
    created_at                   timestamptz NOT NULL,
    updated_at                   timestamptz NOT NULL,
    updated_by                   uuid        REFERENCES api_keys (id)
);

-- Stripe's decline_code (or error code) of a FAILED card payment, and what the client's device must
-- do next (3-D Secure) while it is PENDING.
ALTER TABLE payments ADD COLUMN failure_code text, ADD COLUMN next_action_type text, ADD COLUMN next_action_url text;

-- A card charge or refund recorded PENDING whose answer from the processor has not arrived: written
-- in the transaction that records it, removed when the processor answers with a reference. A row left
-- behind (timeout, outage, crash) is looked up again at next_check_at, with a doubling delay.
CREATE TABLE gateway_checks (
    id             uuid        PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    payment_id     uuid        REFERENCES payments (id),
    refund_id      uuid        REFERENCES refunds (id),
    attempts       integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_check_at  timestamptz NOT NULL,
    last_error     text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((payment_id IS NULL) <> (refund_id IS NULL))
);
CREATE UNIQUE INDEX gateway_checks_payment_uq ON gateway_checks (payment_id) WHERE payment_id IS NOT NULL;
CREATE UNIQUE INDEX gateway_checks_refund_uq ON gateway_checks (refund_id) WHERE refund_id IS NOT NULL;
-- The reconciler's scan across tenants: due checks first.
CREATE INDEX gateway_checks_due_idx ON gateway_checks (next_check_at);

-- A card payment the cardholder disputed at their bank. Opened → WON (the money stays) or LOST (it
-- went back to the cardholder). Keyed by Stripe's dispute id, so a repeated webhook changes nothing.
CREATE TABLE payment_disputes (
    id                 uuid        PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    payment_id         uuid        NOT NULL REFERENCES payments (id),
    invoice_id         uuid        NOT NULL REFERENCES invoices (id),
    gateway_reference  text        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reason             text,
    status             text        NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
    opened_at          timestamptz NOT NULL,
    closed_at          timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK ((status = 'OPEN') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX payment_disputes_reference_uq ON payment_disputes (tenant_id, gateway_reference);
CREATE INDEX payment_disputes_payment_idx ON payment_disputes (payment_id);
CREATE INDEX payment_disputes_invoice_idx ON payment_disputes (invoice_id);
