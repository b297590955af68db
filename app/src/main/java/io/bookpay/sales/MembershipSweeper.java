package io.bookpay.sales;

import io.bookpay.platform.worker.PeriodicBatchJob;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends memberships whose paid period is over, with a MembershipEnded event each, in batches. Every
 * instance runs one; {@code FOR UPDATE SKIP LOCKED} keeps them off each other's rows.
 */
@Component
class MembershipSweeper extends PeriodicBatchJob {

  private final PlanService plans;

  MembershipSweeper(PlanService plans, SalesProperties properties) {
    super("Membership sweep", properties.membershipSweepInterval(), 500);
    this.plans = plans;
  }

  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return plans.endLapsed(batchSize);
  }
}
