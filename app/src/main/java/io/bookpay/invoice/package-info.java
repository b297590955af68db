/**
 * Invoices: drafted with their lines priced (coupon discount spread by {@link io.bookpay.invoice.Allocation},
 * tax per line), finalized (OPEN), PAID when payments bring the balance to zero, which delivers what
 * they sold (gift cards, packages, memberships), or voided while nothing is paid. Other features
 * talk to {@link io.bookpay.invoice.InvoiceService}: the payment package locks an invoice and moves its
 * amounts under that lock, claims read invoices. The invoice's row lock comes first in every money
 * change (then the payment's, then a gift card's), so changes serialise without deadlocks.
 */
package io.bookpay.invoice;
