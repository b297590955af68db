/** The published language of Bookpay: event envelope, event records, their JSON form and topic names. */
package io.bookpay.events;
