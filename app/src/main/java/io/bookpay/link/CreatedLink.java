package io.bookpay.link;

/** A new link with its token and URL, shown in this one response only. */
public record CreatedLink(Link link, String token, String url) {}
