/** Applies Bookpay's Flyway migrations, from the app at startup or from the command line. */
package io.bookpay.migrations;
