package io.bookpay.platform.kafka;

import io.bookpay.events.EventEnvelope;

/**
 * An event as one consumer read it: the envelope and where it sat in Kafka, so a handler can park
 * it with its position or remember how far it got.
 *
 * @param topic the topic's name in this install (with its prefix)
 */
public record ConsumedEvent(EventEnvelope event, String topic, int partition, long offset) {}
