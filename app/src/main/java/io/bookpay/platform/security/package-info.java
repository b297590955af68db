/** Who is calling: API keys (hashed, scoped, per tenant) and the operator token for admin endpoints. */
package io.bookpay.platform.security;
