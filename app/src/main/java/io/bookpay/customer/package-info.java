/** Manages a tenant's customers: the people who book and pay. */
package io.bookpay.customer;
