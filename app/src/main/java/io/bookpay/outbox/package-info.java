/** The transactional outbox: events written with their change, relayed to Kafka by one leader per database. */
package io.bookpay.outbox;
