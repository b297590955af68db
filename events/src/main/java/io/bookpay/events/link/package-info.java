/** Events of express booking links, published on {@code bookpay.links}. */
package io.bookpay.events.link;
