/** Kafka without Spring Kafka: client factories, topic provisioning, a consumer loop, health. */
package io.bookpay.platform.kafka;
