package io.bookpay.link;

/** A link's state, derived from its row and the time: revocation wins, then use-up, then expiry. */
public enum LinkStatus { ACTIVE, REVOKED, EXHAUSTED, EXPIRED }
