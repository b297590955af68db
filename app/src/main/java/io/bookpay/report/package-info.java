/** Read APIs over the projections. */
package io.bookpay.report;
