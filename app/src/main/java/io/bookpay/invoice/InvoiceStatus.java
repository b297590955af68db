package io.bookpay.invoice;

/** DRAFT → OPEN (finalize) → PAID (balance reaches zero); DRAFT or unpaid OPEN → VOID. */
public enum InvoiceStatus {
  DRAFT, OPEN, PAID, VOID
}
