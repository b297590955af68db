package io.bookpay.platform.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Runs the start's warm-ups (templates parsed, message bundles read: file I/O that would otherwise
 * fall on the event loop of a first request) on one thread of their own, beside the rest of the
 * start (connection pool, Kafka clients, web server) instead of before it on the main thread, and
 * holds the start until they are done: {@link ApplicationStartedEvent} comes before readiness, so
 * the app reports ready only with them done, and a warm-up that fails still fails the start.
 */
@Component
public class WarmUps implements ApplicationListener<ApplicationStartedEvent>, DisposableBean {

  private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
    Thread t = new Thread(work, "warm-up");
    t.setDaemon(true);
    return t;
  });
  private final List<CompletableFuture<Void>> running = new ArrayList<>();

  /** Queues {@code work}; called while the context is refreshed (from {@code afterSingletonsInstantiated}). */
  public synchronized void run(Runnable work) {
    running.add(CompletableFuture.runAsync(work, thread));
  }

  /** Waits for every warm-up; one that failed fails the start with its exception. */
  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    CompletableFuture<Void> all;
    synchronized (this) {
      all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
      running.clear();
    }
    try {
      all.join();
    } finally {
      thread.shutdown();
    }
  }

  /** A context closed without having started (a failed start, a context built without Spring Boot) leaves no thread behind. */
  @Override
  public void destroy() {
    thread.shutdownNow();
  }
}
