-- Brings the released schema in line with the consistency checks (SchemaConsistencyIntegrationTest):
-- extensions out of the install's schema, every table with created_at and, where rows change,
-- updated_at, and an index for every foreign key a parent delete or a join would otherwise scan.
-- Runs outside a transaction (see the .conf beside it), so each statement is safe to repeat.

-- Databases migrated before the extensions schema existed hold btree_gist in whichever Bookpay
-- schema migrated first; move it (the exclusion constraints follow, they refer to it by oid).
-- Moving needs to own the extension: the user that created it, as the migrations did.
DO $$
BEGIN
    IF (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'btree_gist') <> 'bookpay_extensions' THEN
        ALTER EXTENSION btree_gist SET SCHEMA bookpay_extensions;
    END IF;
END
$$;

-- Creation time for the tables that had none. A constant default is stored once in the catalog
-- (no rewrite); existing rows read the time of this migration, new rows the time of their insert.
ALTER TABLE analytics_daily ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE claim_items ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE document_contents ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE invoice_line_items ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE provider_locations ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE provider_services ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE working_hours ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();

-- updated_at for the tables whose rows change without one. The code that updates them does not
-- set it, so a trigger does: one rule for every writer, including the ones still to come.
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
ALTER TABLE analytics_daily ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER analytics_daily_touch BEFORE UPDATE ON analytics_daily FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER coupons_touch BEFORE UPDATE ON coupons FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE gift_cards ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER gift_cards_touch BEFORE UPDATE ON gift_cards FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER memberships_touch BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE package_purchases ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER package_purchases_touch BEFORE UPDATE ON package_purchases FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE webhook_inbox ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE OR REPLACE TRIGGER webhook_inbox_touch BEFORE UPDATE ON webhook_inbox FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Foreign keys with no index leading with their column. Built CONCURRENTLY: the tables are live.
-- Nullable references get partial indexes; "col = $1" still proves "col IS NOT NULL".
-- (References to tenants and api_keys stay unindexed on purpose; see the consistency test.)
CREATE INDEX CONCURRENTLY IF NOT EXISTS provider_locations_location_idx ON provider_locations (location_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS working_hours_location_idx ON working_hours (location_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_customer_idx ON bookings (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_location_idx ON bookings (location_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_service_idx ON bookings (service_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS links_customer_idx ON links (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS links_provider_idx ON links (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS links_service_idx ON links (service_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS package_definitions_service_idx ON package_definitions (service_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_coupon_idx ON invoices (coupon_id) WHERE coupon_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_customer_fk_idx ON invoices (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS coupon_redemptions_customer_fk_idx ON coupon_redemptions (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS gift_cards_customer_idx ON gift_cards (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_gift_card_idx ON payments (gift_card_id) WHERE gift_card_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS refunds_invoice_idx ON refunds (invoice_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS package_purchases_customer_fk_idx ON package_purchases (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS package_purchases_invoice_idx ON package_purchases (invoice_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS package_purchases_package_idx ON package_purchases (package_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS package_purchases_service_idx ON package_purchases (service_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS memberships_customer_fk_idx ON memberships (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS memberships_invoice_idx ON memberships (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS memberships_tier_idx ON memberships (tier_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS coverage_rules_service_idx ON coverage_rules (service_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS enrolments_customer_fk_idx ON enrolments (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_booking_idx ON claims (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_customer_idx ON claims (customer_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_invoice_idx ON claims (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_plan_idx ON claims (plan_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS claim_items_service_idx ON claim_items (service_id);
