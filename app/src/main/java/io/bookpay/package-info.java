/** Bookpay: booking and payments for appointment businesses, one package per feature. */
package io.bookpay;
