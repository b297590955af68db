package io.bookpay.money;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends memberships whose paid period is over, with a MembershipEnded event each, in batches. Every
 * instance runs one; {@code FOR UPDATE SKIP LOCKED} keeps them off each other's rows.
 */
@Component
class MembershipSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MembershipSweeper.class);
  static final int BATCH = 500;

  private final PlanService plans;
  private final MoneyProperties properties;
  private volatile Disposable sweeping;

  MembershipSweeper(PlanService plans, MoneyProperties properties) {
    this.plans = plans;
    this.properties = properties;
  }

  @Override
  public void start() {
    sweeping = Flux.interval(properties.membershipSweepInterval())
        .onBackpressureDrop()
        .concatMap(tick -> plans.endLapsed(BATCH)
            .expand(n -> n >= BATCH ? plans.endLapsed(BATCH) : Mono.empty())
            .onErrorResume(e -> {
              log.warn("Membership sweep failed; next attempt in {}", properties.membershipSweepInterval(), e);
              return Mono.empty();
            }))
        .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = sweeping;
    if (running != null) {
      running.dispose();
      sweeping = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sweeping != null;
  }
}
