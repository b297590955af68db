/**
 * Insurance: plans with coverage rules and benefits, member enrolments, and claims with their
 * strict lifecycle, status history and documents (through a {@link io.bookpay.claim.DocumentStore}).
 */
package io.bookpay.claim;
