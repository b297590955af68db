package io.bookpay.payment;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Runs an action once the current transaction has committed, e.g. a gateway call that must never
 * hold a lock nor go out for a change that rolled back. Without a transaction it runs at once.
 * The action should start its own subscription: it must not ride on the finished transaction.
 */
final class AfterCommit {

  private AfterCommit() {}

  static Mono<Void> run(Runnable action) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .flatMap(manager -> {
          manager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public Mono<Void> afterCommit() {
              return Mono.fromRunnable(action);
            }
          });
          return Mono.<Void>empty();
        })
        .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(action));
  }
}
