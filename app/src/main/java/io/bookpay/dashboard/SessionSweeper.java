package io.bookpay.dashboard;

import io.bookpay.platform.worker.PeriodicBatchJob;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Deletes the rows of dashboard sessions that have ended (expired or idle); a live request never needs them. */
@Component
class SessionSweeper extends PeriodicBatchJob {

  private final DashboardSessions sessions;

  SessionSweeper(DashboardSessions sessions, DashboardProperties properties) {
    super("Dashboard session sweep", properties.sweepInterval(), 1000);
    this.sessions = sessions;
  }

  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return sessions.deleteEnded(batchSize);
  }
}
