/** Server-rendered pages people look at: the booking page behind every express link. */
package io.bookpay.page;
