package io.bookpay.projection;

import java.util.Set;
import java.util.UUID;

/**
 * Told, after a batch's transaction committed in this instance, which tenants' events a
 * projection applied; e.g. the reports drop their cached answers for those tenants.
 */
public interface AppliedListener {

  void applied(String consumer, Set<UUID> tenants);
}
