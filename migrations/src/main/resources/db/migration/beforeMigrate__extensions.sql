-- Runs before every migrate (a Flyway callback, not a versioned migration). Extensions belong to the
-- database, not to a schema, yet each is installed into one: created in an install's own schema,
-- dropping that schema would drop the extension and, with it, every other install's constraints
-- that use it (bookings_no_overlap needs btree_gist). So they live in a schema of their own that no
-- install owns. Checked first rather than IF NOT EXISTS: a second install, or a second run, then
-- needs no CREATE privilege on the database and logs no notice.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'bookpay_extensions') THEN
        CREATE SCHEMA bookpay_extensions;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
        CREATE EXTENSION btree_gist WITH SCHEMA bookpay_extensions;
    END IF;
END
$$;
