/** Time and identifiers, injected so tests can pin them. */
package io.bookpay.platform.clock;
