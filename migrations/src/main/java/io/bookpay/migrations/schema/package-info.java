/** The live schema read from the catalog: a snapshot to compare with the checked-in one, and statistics. */
package io.bookpay.migrations.schema;
