package io.bookpay.projection;

import java.util.Set;
import java.util.UUID;

/**
 * Told, after a batch's transaction committed in this instance, which tenants' events a
 * projection applied; e.g. the reports drop their cached answers for those tenants.
 */
public interface AppliedListener {

  void applied(String consumer, Set<UUID> tenants);

  /** A rebuild replaced the projection's tables: every tenant's figures may have changed. */
  default void rebuilt(String consumer) {}
}
