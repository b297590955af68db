/**
 * The staff dashboard, {@code /dashboard}: a tenant's staff sign in with an API key holding
 * reports:read and get a server-side session (the key never stays in the browser), then see the
 * reports as charts beside their tables and download each as CSV; the numbers are the report API's.
 */
package io.bookpay.dashboard;
