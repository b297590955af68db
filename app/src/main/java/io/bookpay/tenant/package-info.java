/** Tenants: the businesses using Bookpay, created by operators. */
package io.bookpay.tenant;
