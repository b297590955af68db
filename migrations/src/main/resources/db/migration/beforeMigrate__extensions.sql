-- Runs before every migrate (a Flyway callback, not a versioned migration). Extensions belong to the
-- database, not to a schema, yet each is installed into one: created in an install's own schema,
-- dropping that schema would drop the extension and, with it, every other install's constraints
-- that use it (bookings_no_overlap needs btree_gist). So they live in a schema of their own that no
-- install owns. IF NOT EXISTS: a second install, or a second run, finds them in place.
CREATE SCHEMA IF NOT EXISTS bookpay_extensions;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA bookpay_extensions;
