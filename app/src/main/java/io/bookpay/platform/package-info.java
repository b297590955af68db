/** Cross-cutting machinery that knows no feature: database, web errors, security, Kafka, clock. */
package io.bookpay.platform;
