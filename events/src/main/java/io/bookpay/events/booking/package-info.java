/** Events of the booking lifecycle, published on {@code bookpay.bookings}. */
package io.bookpay.events.booking;
