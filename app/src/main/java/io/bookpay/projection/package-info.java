/** Read models built by Kafka consumers from the published events. */
package io.bookpay.projection;
