/** Runs the whole platform on a developer's machine with one command. */
package io.bookpay.local;
