/**
 * What is sold on an invoice besides services and products: coupons (discounts with limits,
 * redeemed when an invoice is drafted), packages (sessions of a service, redeemed against bookings)
 * and memberships (a tier per period, ended when their paid time is over). The invoice package uses
 * {@link io.bookpay.sales.CouponService} and {@link io.bookpay.sales.PlanService} to price, check and
 * deliver its lines; the payment package uses {@link io.bookpay.sales.PlanReversals} when a refund
 * takes sold value back.
 */
package io.bookpay.sales;
