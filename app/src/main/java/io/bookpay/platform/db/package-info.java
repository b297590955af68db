/** PostgreSQL access: the R2DBC pool, migrations at startup, and SQL error classification. */
package io.bookpay.platform.db;
