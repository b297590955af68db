/** Express booking links: a token a business texts to a client, who books through it without an account. */
package io.bookpay.link;
