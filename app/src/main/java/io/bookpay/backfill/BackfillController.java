package io.bookpay.backfill;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.bookpay.platform.security.Operator;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The operator's backfill of the read side's events. */
@Tag(name = "projections")
@RestController
class BackfillController {

  private final BackfillService backfill;

  BackfillController(BackfillService backfill) {
    this.backfill = backfill;
  }

  @PostMapping("/v1/admin/projections/backfill")
  @Operation(operationId = "backfillProjections", summary = "Publish snapshot events of data made before their events existed",
      description = """
          Operator token. Publishes through the outbox a snapshot event of every tenant profile (TenantProfileChanged) and \
          every catalog item (LocationChanged, ServiceChanged with soft-deleted services, ProviderChanged with working \
          hours) and the line-kind allocation of every succeeded payment and refund (PaymentAllocated, RefundAllocated, \
          for payments made before their events carried byLineKind), one transaction per tenant, and answers with how \
          many it published. Safe to repeat: snapshots carry versions, allocations name their payment or refund, and \
          consumers drop repeats.""")
  Mono<BackfillService.Result> backfill(Operator operator) {
    return backfill.run();
  }
}
