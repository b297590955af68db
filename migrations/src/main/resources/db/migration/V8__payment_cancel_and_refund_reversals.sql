-- Card payments can be canceled while PENDING (CANCELED is terminal); if the processor takes the
-- money anyway, the capture is recorded on the payment and refunded at once, never counted on the
-- invoice. A CHECK is widened by dropping and re-adding it: NOT VALID adds it without a scan under
-- a strong lock, VALIDATE then checks the old rows under a weak one.

-- lint: allow widening a status CHECK needs its old definition gone
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELED')) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_status_check;

-- Refunded amounts move only on money that was taken: a SUCCEEDED payment, or a CANCELED one whose
-- capture came in after the cancel (it is refunded in full).
ALTER TABLE payments ADD COLUMN captured_after_cancel_at timestamptz;
-- lint: allow widening a CHECK needs its old definition gone
ALTER TABLE payments DROP CONSTRAINT payments_check1;
ALTER TABLE payments ADD CONSTRAINT payments_refunds_need_money_taken
    CHECK (status = 'SUCCEEDED' OR (status = 'CANCELED' AND captured_after_cancel_at IS NOT NULL)
        OR (amount_refunded = 0 AND amount_refund_pending = 0)) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_refunds_need_money_taken;
ALTER TABLE payments ADD CONSTRAINT payments_capture_after_cancel_only_when_canceled
    CHECK (captured_after_cancel_at IS NULL OR status = 'CANCELED') NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_capture_after_cancel_only_when_canceled;

-- Gift cards are money: a coupon never discounts a GIFT_CARD line. NOT VALID: rows written before
-- this rule are kept as they were (validating them could stop the migration); new rows must obey.
ALTER TABLE invoice_line_items ADD CONSTRAINT invoice_line_items_gift_card_not_discounted
    CHECK (kind <> 'GIFT_CARD' OR discount = 0) NOT VALID;

-- Refunds take back what the invoice delivered. A refund is spread over the invoice's lines by
-- their totals; its share of GIFT_CARD, PACKAGE and MEMBERSHIP lines comes off the cards' balances,
-- the packages' unused sessions and the memberships' paid time, in the refund's transaction. Each
-- such reversal is a row here, so a refund that fails later restores exactly what it took.
CREATE TABLE refund_reversals (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    refund_id         uuid        NOT NULL REFERENCES refunds (id),
    kind              text        NOT NULL CHECK (kind IN ('GIFT_CARD', 'PACKAGE', 'MEMBERSHIP')),
    -- The gift card, package purchase or membership.
    item_id           uuid        NOT NULL,
    -- The refund's money that fell on this item, and the part of it that could not be reversed.
    share             bigint      NOT NULL CHECK (share >= 0),
    shortfall         bigint      NOT NULL DEFAULT 0 CHECK (shortfall BETWEEN 0 AND share),
    -- Cents off a card's balance, or sessions off a package; 0 for a membership.
    quantity          bigint      NOT NULL CHECK (quantity >= 0),
    -- A membership's paid end before the reversal, and whether the reversal ended it.
    previous_ends_at  timestamptz,
    ended             boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL,
    restored_at       timestamptz,
    CHECK ((kind = 'MEMBERSHIP') = (previous_ends_at IS NOT NULL))
);
CREATE INDEX refund_reversals_refund_idx ON refund_reversals (refund_id);

-- Money refunded whose delivered value could not be taken back (a refund made in the processor's
-- dashboard after the card was spent): a person settles it.
ALTER TABLE refunds ADD COLUMN reversal_shortfall bigint NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD CONSTRAINT refunds_reversal_shortfall_check CHECK (reversal_shortfall BETWEEN 0 AND amount) NOT VALID;
ALTER TABLE refunds VALIDATE CONSTRAINT refunds_reversal_shortfall_check;

ALTER TABLE package_purchases ADD COLUMN sessions_reversed integer NOT NULL DEFAULT 0;
ALTER TABLE package_purchases ADD CONSTRAINT package_purchases_sessions_reversed_check
    CHECK (sessions_reversed >= 0 AND sessions_remaining + sessions_reversed <= sessions_total) NOT VALID;
ALTER TABLE package_purchases VALIDATE CONSTRAINT package_purchases_sessions_reversed_check;

-- A card's ledger says when a refund took value back (REVERSAL) and when a failed refund gave it back.
-- lint: allow widening a kind CHECK needs its old definition gone
ALTER TABLE gift_card_ledger DROP CONSTRAINT gift_card_ledger_kind_check;
ALTER TABLE gift_card_ledger ADD CONSTRAINT gift_card_ledger_kind_check
    CHECK (kind IN ('ISSUE', 'REDEEM', 'REFUND', 'ADJUST', 'REVERSAL', 'REVERSAL_UNDONE')) NOT VALID;
ALTER TABLE gift_card_ledger VALIDATE CONSTRAINT gift_card_ledger_kind_check;
-- lint: allow widening a sign CHECK needs its old definition gone
ALTER TABLE gift_card_ledger DROP CONSTRAINT gift_card_ledger_check;
ALTER TABLE gift_card_ledger ADD CONSTRAINT gift_card_ledger_sign_check
    CHECK ((kind IN ('ISSUE', 'REFUND', 'REVERSAL_UNDONE') AND amount > 0) OR (kind IN ('REDEEM', 'REVERSAL') AND amount < 0)
        OR kind = 'ADJUST') NOT VALID;
ALTER TABLE gift_card_ledger VALIDATE CONSTRAINT gift_card_ledger_sign_check;
