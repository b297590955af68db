package io.bookpay.events.money;

import io.bookpay.events.AggregateType;
import java.util.UUID;

/** Events of one package purchase (n sessions of a service). */
public sealed interface PackageEvent extends MoneyEvent permits PackagePurchased, PackageSessionRedeemed, PackageSessionsReversed,
    PackageSessionsRestored {

  UUID purchaseId();

  @Override
  default UUID aggregateId() {
    return purchaseId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.PACKAGE_PURCHASE;
  }
}
