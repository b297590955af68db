-- The booking page behind every link (issue 15): the tenant's branding, shown on the page, and the
-- bookings made from the page, each with its own cancel token.

-- Branding: all optional; the page falls back to the tenant's name and neutral colours. New nullable
-- columns without defaults change no existing row (tenants is small; the CHECKs scan it once).
ALTER TABLE tenants
    ADD COLUMN display_name  text CHECK (char_length(display_name) BETWEEN 1 AND 200),
    ADD COLUMN brand_color   text CHECK (brand_color ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN logo_url      text CHECK (char_length(logo_url) <= 2000 AND logo_url LIKE 'https://%'),
    ADD COLUMN contact_email text CHECK (char_length(contact_email) <= 320),
    ADD COLUMN contact_phone text CHECK (char_length(contact_phone) <= 40),
    ADD COLUMN address       text CHECK (char_length(address) <= 500);

-- A booking made on a link's page. The page's form carries a key of 256 random bits made for that
-- one form; it is the booking's idempotency key (a double tap finds this row) and, once booked, the
-- token of its confirmation and cancel pages. Only its SHA-256 is stored.
CREATE TABLE link_page_bookings (
    token_hash      bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    link_id         uuid        NOT NULL REFERENCES links (id),
    -- Checked at commit: the page records its booking in the booking transaction before the booking row is written.
    booking_id      uuid        NOT NULL UNIQUE REFERENCES bookings (id) DEFERRABLE INITIALLY DEFERRED,
    -- The separate, unticked "you may contact me" box of the form: the client's own choice.
    contact_consent boolean     NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX link_page_bookings_tenant_idx ON link_page_bookings (tenant_id, link_id);
-- For the foreign key to links (a link's deletion or key update looks its page bookings up).
CREATE INDEX link_page_bookings_link_idx ON link_page_bookings (link_id);
