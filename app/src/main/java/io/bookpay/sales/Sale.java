package io.bookpay.sales;

import java.util.UUID;

/** Who bought what an invoice sold, for delivering it once the invoice is paid; amounts in {@code currency}. */
public record Sale(UUID tenantId, UUID customerId, UUID invoiceId, String currency) {}
