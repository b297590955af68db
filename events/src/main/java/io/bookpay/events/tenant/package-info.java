/** Events of a tenant's profile (its name and time zone), published on {@code bookpay.tenants}, keyed by the tenant. */
package io.bookpay.events.tenant;
