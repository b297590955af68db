/** Events of insurance claims, published on {@code bookpay.claims}, keyed by the claim. */
package io.bookpay.events.claim;
