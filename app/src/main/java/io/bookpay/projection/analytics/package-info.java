/** Counts events per tenant, type and day: the consumer group "analytics" (id "bookpay.analytics" under the default topic prefix) and its table. */
package io.bookpay.projection.analytics;
