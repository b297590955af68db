-- The finance read side (consumer group `finance`): every table is named finance_%, written only
-- by the finance consumer and derived only from events (no foreign key to the write side, no read
-- of another consumer's tables), so a rebuild can replay the topics into copies of them.
-- Facts are stored one row per event (keyed by the event id, so a repeat inserts nothing) on the
-- tenant's calendar day at apply time; the reports sum them over a range of days.

-- The tenant's IANA zone as the finance consumer last learnt it (TenantProfileChanged; the
-- profile version orders snapshots). A tenant without a row is in UTC.
CREATE TABLE finance_tenant_zones (
    tenant_id    uuid        PRIMARY KEY,
    time_zone    text        NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    version      bigint      NOT NULL,
    changed_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER finance_tenant_zones_touch BEFORE UPDATE ON finance_tenant_zones
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Money that moved, one row per event: PAYMENT (PaymentSucceeded), REFUND (RefundSucceeded),
-- and the money a processor took after a cancel (CAPTURED_AFTER_CANCEL) and sent back
-- (CAPTURED_AFTER_CANCEL_REFUND), which no invoice counts. method is the payment's (a refund's
-- is the method of the payment it refunds: GIFT_CARD went back onto the card). allocated: its
-- spread over line kinds is known (the event carried byLineKind, the invoice had one kind, or a
-- backfilled PaymentAllocated / RefundAllocated replaced the UNALLOCATED row since).
CREATE TABLE finance_money (
    tenant_id    uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    day          date        NOT NULL,
    currency     char(3)     NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND', 'CAPTURED_AFTER_CANCEL', 'CAPTURED_AFTER_CANCEL_REFUND')),
    method       text        NOT NULL CHECK (char_length(method) BETWEEN 1 AND 32),
    amount       bigint      NOT NULL CHECK (amount >= 0),
    invoice_id   uuid        NOT NULL,
    payment_id   uuid        NOT NULL,
    refund_id    uuid,
    allocated    boolean     NOT NULL,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);
CREATE TRIGGER finance_money_touch BEFORE UPDATE ON finance_money
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- Serves the financial report's range scans: one tenant and currency, a range of days.
CREATE INDEX finance_money_day_idx ON finance_money (tenant_id, currency, day);
-- Serves receivables (the payments of one invoice) and the backfilled allocations (a payment or refund of it).
CREATE INDEX finance_money_invoice_idx ON finance_money (tenant_id, invoice_id);

-- The same money spread over the invoice's line kinds (the event's byLineKind; an event written
-- before it existed goes to its only kind, or to UNALLOCATED when the invoice had several).
CREATE TABLE finance_money_line_kinds (
    tenant_id    uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    line_kind    text        NOT NULL CHECK (char_length(line_kind) BETWEEN 1 AND 32),
    day          date        NOT NULL,
    currency     char(3)     NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND', 'CAPTURED_AFTER_CANCEL', 'CAPTURED_AFTER_CANCEL_REFUND')),
    invoice_id   uuid        NOT NULL,
    amount       bigint      NOT NULL CHECK (amount >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id, line_kind)
);
CREATE INDEX finance_money_line_kinds_day_idx ON finance_money_line_kinds (tenant_id, currency, day);

-- Finalized invoices (InvoiceIssued) with their figures, the days they were finalized, fall due,
-- were paid in full or voided: invoiced totals, discounts and tax per day, and receivables as of a
-- date (the total less the payments made by then).
CREATE TABLE finance_invoices (
    tenant_id     uuid        NOT NULL,
    invoice_id    uuid        NOT NULL,
    currency      char(3)     NOT NULL,
    customer_id   uuid,
    booking_id    uuid,
    subtotal      bigint      NOT NULL,
    discount      bigint      NOT NULL,
    tax           bigint      NOT NULL,
    total         bigint      NOT NULL CHECK (total >= 0),
    finalized_at  timestamptz NOT NULL,
    finalized_day date        NOT NULL,
    due_at        timestamptz,
    due_day       date,
    paid_day      date,
    voided_day    date,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, invoice_id)
);
CREATE TRIGGER finance_invoices_touch BEFORE UPDATE ON finance_invoices
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- Serves invoiced totals per day and receivables (finalized by a day).
CREATE INDEX finance_invoices_day_idx ON finance_invoices (tenant_id, currency, finalized_day);

-- A booking's service, provider and location as its newest event gives them (state_at orders
-- them): revenue of an invoice made for a booking is attributed to these.
CREATE TABLE finance_bookings (
    tenant_id    uuid        NOT NULL,
    booking_id   uuid        NOT NULL,
    service_id   uuid,
    provider_id  uuid,
    location_id  uuid,
    state_at     timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, booking_id)
);
CREATE TRIGGER finance_bookings_touch BEFORE UPDATE ON finance_bookings
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Every change of a gift card's value, one row per event, signed as it moved the balance:
-- ISSUED (+, without_payment when not sold on an invoice), REDEEMED (-), REFUNDED (+, a refund of a
-- card payment back onto it), ADJUSTED (+/-), REVERSED (-, a refund of the invoice that sold it),
-- REVERSAL_UNDONE (+). A card's balance at the end of a day is the sum of its rows up to it.
CREATE TABLE finance_gift_card_moves (
    tenant_id       uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    gift_card_id    uuid        NOT NULL,
    day             date        NOT NULL,
    currency        char(3)     NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('ISSUED', 'REDEEMED', 'REFUNDED', 'ADJUSTED', 'REVERSED', 'REVERSAL_UNDONE')),
    amount          bigint      NOT NULL,
    without_payment boolean     NOT NULL DEFAULT false,
    balance_after   bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX finance_gift_card_moves_day_idx ON finance_gift_card_moves (tenant_id, currency, day);

-- Package purchases (PackagePurchased) and every change of their sessions, one row per event,
-- signed as it moved what is left: PURCHASED (+n), REDEEMED (-1), REVERSED (-n), RESTORED (+n).
CREATE TABLE finance_packages (
    tenant_id    uuid        NOT NULL,
    purchase_id  uuid        NOT NULL,
    package_id   uuid,
    service_id   uuid,
    customer_id  uuid,
    invoice_id   uuid,
    currency     char(3)     NOT NULL,
    sessions     integer     NOT NULL,
    amount       bigint      NOT NULL,
    day          date        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, purchase_id)
);
CREATE TABLE finance_package_moves (
    tenant_id    uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    purchase_id  uuid        NOT NULL,
    day          date        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('PURCHASED', 'REDEEMED', 'REVERSED', 'RESTORED')),
    sessions     integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX finance_package_moves_day_idx ON finance_package_moves (tenant_id, day);

-- Memberships: the price per period, when they run, the day they started (MembershipStarted
-- applied) and ended (MembershipEnded, or a refund's MembershipShortened that ended it; a
-- MembershipRestored that makes it active again clears it). state_at orders the events.
CREATE TABLE finance_memberships (
    tenant_id     uuid        NOT NULL,
    membership_id uuid        NOT NULL,
    tier_id       uuid,
    customer_id   uuid,
    invoice_id    uuid,
    currency      char(3)     NOT NULL,
    price_amount  bigint      NOT NULL,
    period        text        NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    started_day   date        NOT NULL,
    ended_day     date,
    state_at      timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, membership_id)
);
CREATE TRIGGER finance_memberships_touch BEFORE UPDATE ON finance_memberships
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE INDEX finance_memberships_currency_idx ON finance_memberships (tenant_id, currency);

-- Insurance: a claim's invoice, currency and payer (ClaimCreated, then the payer as submission or
-- decision names it), so INSURANCE payments on the invoice count as applied for that payer; and
-- each submission and decision, one row per event, with its amounts.
CREATE TABLE finance_claims (
    tenant_id    uuid        NOT NULL,
    claim_id     uuid        NOT NULL,
    invoice_id   uuid,
    currency     char(3),
    payer        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, claim_id)
);
CREATE TRIGGER finance_claims_touch BEFORE UPDATE ON finance_claims
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE INDEX finance_claims_invoice_idx ON finance_claims (tenant_id, invoice_id) WHERE invoice_id IS NOT NULL;
CREATE TABLE finance_claim_moves (
    tenant_id    uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    claim_id     uuid        NOT NULL,
    day          date        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
    currency     char(3),
    payer        text,
    claimed      bigint      NOT NULL DEFAULT 0,
    expected     bigint      NOT NULL DEFAULT 0,
    approved     bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX finance_claim_moves_day_idx ON finance_claim_moves (tenant_id, day);
