package io.bookpay.platform.web;

import java.util.List;

/** A list answer that is not paged: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) {}
