/** Counts events per tenant, type and day: the consumer group "analytics" and its table. */
package io.bookpay.projection.analytics;
