/** Idempotency keys for every mutating POST: the first response is stored and replayed for a retry. */
package io.bookpay.platform.idempotency;
