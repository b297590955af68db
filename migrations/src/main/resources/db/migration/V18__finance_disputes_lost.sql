-- Lost card disputes on the finance read side (issue 18): a DisputeClosed with outcome lost is money
-- given back to the cardholder, counted in finance_money (and spread over line kinds by the event's
-- allocation, like a refund) as kind DISPUTE_LOST, on the tenant's day of the event, by the disputed
-- payment's method. The checks are widened in place: the finance tables are written only by the
-- finance consumer, small next to the write side, and a widened IN list accepts every existing row
-- (the validating scan finds nothing to reject).
ALTER TABLE finance_money DROP CONSTRAINT finance_money_kind_check,
    ADD CONSTRAINT finance_money_kind_check
        CHECK (kind IN ('PAYMENT', 'REFUND', 'CAPTURED_AFTER_CANCEL', 'CAPTURED_AFTER_CANCEL_REFUND', 'DISPUTE_LOST'));
ALTER TABLE finance_money_line_kinds DROP CONSTRAINT finance_money_line_kinds_kind_check,
    ADD CONSTRAINT finance_money_line_kinds_kind_check
        CHECK (kind IN ('PAYMENT', 'REFUND', 'CAPTURED_AFTER_CANCEL', 'CAPTURED_AFTER_CANCEL_REFUND', 'DISPUTE_LOST'));
