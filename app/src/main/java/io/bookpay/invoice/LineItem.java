package io.bookpay.invoice;

import java.math.BigDecimal;
import java.util.UUID;

/** One priced line of an invoice; {@code amount} = quantity × unitAmount, before discount and tax. */
public record LineItem(
    LineKind kind, String description, int quantity, long unitAmount, long amount, long discount, BigDecimal taxRate, long tax,
    UUID refId) {}
