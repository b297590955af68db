/** Publishes snapshot events of data made before its events existed, so the read side covers old data too. */
package io.bookpay.backfill;
