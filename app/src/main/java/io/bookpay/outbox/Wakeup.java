package io.bookpay.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A signal from committing request threads to the relay thread. {@link #signal()} never blocks (it
 * runs on event-loop threads); signals that arrive while the relay is busy collapse into one.
 */
final class Wakeup {

  private final AtomicBoolean signalled = new AtomicBoolean();
  private volatile Thread waiter;

  void signal() {
    signalled.set(true);
    Thread thread = waiter;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /** Waits until signalled or the timeout passes; returns at once if a signal is pending. */
  void await(Duration timeout) {
    waiter = Thread.currentThread();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!signalled.getAndSet(false)) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return;
      }
      LockSupport.parkNanos(this, left);
    }
  }
}
