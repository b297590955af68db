/** Events about a tenant's customers. */
package io.bookpay.events.customer;
