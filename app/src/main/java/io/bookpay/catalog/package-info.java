/** What a tenant offers: locations, providers, services, weekly hours and time off. */
package io.bookpay.catalog;
