/** The finance read side: consumer group {@code finance}, its tables ({@code finance_*}) and the figures the finance reports read. */
package io.bookpay.projection.finance;
