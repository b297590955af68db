/** Events a tenant records itself (custom analytics events), published on {@code bookpay.analytics}. */
package io.bookpay.events.analytics;
