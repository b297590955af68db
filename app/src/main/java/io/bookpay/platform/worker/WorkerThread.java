package io.bookpay.platform.worker;

import org.springframework.context.SmartLifecycle;

/**
 * A loop on a dedicated daemon thread, started and stopped with the application. Stopping clears
 * {@link #isRunning()}, calls {@link #wake()} so the loop notices at once, and waits for it to end.
 * The thread is never interrupted: an interrupt aborts Kafka clients' orderly close.
 */
public abstract class WorkerThread implements SmartLifecycle {

  private final String name;
  private volatile boolean running;
  private Thread thread;

  protected WorkerThread(String name) {
    this.name = name;
  }

  /** The loop; it should return soon after {@link #isRunning()} turns false. */
  protected abstract void work();

  /** Makes a waiting loop look at {@link #isRunning()} now. */
  protected abstract void wake();

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::work, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server and the connection pool. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2000;
  }
}
