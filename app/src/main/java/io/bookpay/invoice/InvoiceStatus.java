package io.bookpay.invoice;

import java.util.EnumSet;
import java.util.Set;

/**
 * The invoice lifecycle: DRAFT → OPEN (finalize) | VOID; OPEN → PAID (the balance reaches zero) |
 * VOID (nothing paid or pending, which the service checks); PAID and VOID are final. Refunds never
 * reopen a PAID invoice: they raise its refunded amount.
 */
public enum InvoiceStatus {
  DRAFT, OPEN, PAID, VOID;

  public Set<InvoiceStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(OPEN, VOID);
      case OPEN -> EnumSet.of(PAID, VOID);
      case PAID, VOID -> EnumSet.noneOf(InvoiceStatus.class);
    };
  }

  public boolean canMoveTo(InvoiceStatus target) {
    return next().contains(target);
  }
}
