package io.bookpay.payment;

/** What applying a provider's answer did: {@code changed} false means it was stale or repeated, and {@code note} says why. */
public record Settlement<T>(T value, boolean changed, String note) {}
