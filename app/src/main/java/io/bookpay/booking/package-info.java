/** Bookings: availability, holds, the booking lifecycle, and no double booking. */
package io.bookpay.booking;
