/**
 * Who is calling, decided on the path the router matches and denied by default: API keys (hashed,
 * scoped, per tenant) make a Caller, the operator token an Operator; only the routes on PublicRoutes
 * answer without either.
 */
package io.bookpay.platform.security;
