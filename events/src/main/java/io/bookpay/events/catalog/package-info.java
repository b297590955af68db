/**
 * Events of the catalog (services, providers with their working hours, locations), published on
 * {@code bookpay.catalog}, keyed by the item. Each carries the item's whole current state (snapshot
 * semantics), so projections name things and compute working minutes without reading write-side
 * tables, and a backfill publishes the same events.
 */
package io.bookpay.events.catalog;
