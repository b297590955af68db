/** In-memory caches of read-mostly data per tenant, cleared by the data's own change events from Kafka. */
package io.bookpay.platform.cache;
