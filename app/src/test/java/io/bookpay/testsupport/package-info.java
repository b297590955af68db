/** Real PostgreSQL and Kafka for tests and the local run, resolved from what this machine offers. */
package io.bookpay.testsupport;
