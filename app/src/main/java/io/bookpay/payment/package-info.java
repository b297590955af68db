/**
 * Payments on invoices and their refunds: cash, external, gift card and insurance payments settle at
 * once, card payments and card refunds go through the {@link io.bookpay.payment.PaymentGateway} port
 * (recorded PENDING, sent after commit, settled by the processor's answer or webhook), and a refund
 * takes back the share of what its invoice delivered (refund reversals). Other features use
 * {@link io.bookpay.payment.PaymentService}; constraints in the schema back every amount rule.
 */
package io.bookpay.payment;
