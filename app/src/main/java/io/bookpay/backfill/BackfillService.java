package io.bookpay.backfill;

import io.bookpay.catalog.CatalogService;
import io.bookpay.payment.PaymentAllocations;
import io.bookpay.tenant.TenantService;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes, through the outbox, a snapshot event of every tenant profile and every catalog item
 * (TenantProfileChanged, LocationChanged, ServiceChanged, ProviderChanged) and the payment
 * allocations (PaymentAllocated, RefundAllocated). One transaction per
 * tenant: a tenant's snapshots are published together or not at all, and no transaction grows with
 * the number of tenants. Snapshots carry the items' versions, so one racing a change is recognised
 * as older by consumers. Running it again publishes the same states again, which consumers absorb.
 * It also publishes the line-kind allocation of every succeeded payment and refund
 * ({@link PaymentAllocations}), which events before {@code byLineKind} lacked.
 */
@Service
public class BackfillService {

  /** What one run published. */
  public record Result(long tenants, long locations, long services, long providers, long payments, long refunds) {

    static final Result NONE = new Result(0, 0, 0, 0, 0, 0);

    Result plus(Result other) {
      return new Result(tenants + other.tenants, locations + other.locations, services + other.services, providers + other.providers,
          payments + other.payments, refunds + other.refunds);
    }
  }

  private final TenantService tenants;
  private final CatalogService catalog;
  private final PaymentAllocations allocations;
  private final TransactionalOperator tx;

  BackfillService(TenantService tenants, CatalogService catalog, PaymentAllocations allocations, TransactionalOperator tx) {
    this.tenants = tenants;
    this.catalog = catalog;
    this.allocations = allocations;
    this.tx = tx;
  }

  public Mono<Result> run() {
    return tenants.allIds().concatMap(this::tenant).reduce(Result.NONE, Result::plus);
  }

  private Mono<Result> tenant(UUID tenantId) {
    return tenants.publishSnapshot(tenantId)
        .then(catalog.publishSnapshots(tenantId))
        .flatMap(s -> allocations.publish(tenantId)
            .map(money -> new Result(1, s.locations(), s.services(), s.providers(), money.payments(), money.refunds())))
        .as(tx::transactional);
  }
}
