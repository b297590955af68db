package io.bookpay.platform.security;

/**
 * The operator behind a request, proven by the operator token. An operator's handler takes it as a
 * parameter; it exists only when the authentication filter checked the token, so a handler that
 * declares it cannot be reached any other way.
 */
public record Operator() {

  static final Operator CHECKED = new Operator();
}
