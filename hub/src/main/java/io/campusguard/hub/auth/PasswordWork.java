package io.campusguard.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt hashing and checking on a small pool of its own: on the shared worker pool, a burst of logins took the
 * threads that decode telemetry and write alarms. At most {@link #DEFAULT_THREADS} hashes run at once and at most
 * {@link #DEFAULT_MAX_WAITING} wait; past that a login is refused at once ({@link Busy}, answered 503) instead
 * of queueing CPU work without bound.
 */
public final class PasswordWork implements AutoCloseable {
  public static final int DEFAULT_THREADS = 2;
  public static final int DEFAULT_MAX_WAITING = 32;

  /** More password work waiting than the pool takes. */
  public static final class Busy extends RuntimeException {
    public Busy() {
      super("password checks: too many at once", null, false, false);
    }
  }

  private final WorkerExecutor pool;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  public PasswordWork(Vertx vertx, int threads, int maxWaiting) {
    if (threads < 1 || maxWaiting < 0) {
      throw new IllegalArgumentException("password pool: at least one thread, waiting not negative");
    }
    this.pool = vertx.createSharedWorkerExecutor("cg-password-" + System.identityHashCode(this), threads);
    this.maxPending = threads + maxWaiting;
  }

  public PasswordWork(Vertx vertx) {
    this(vertx, DEFAULT_THREADS, DEFAULT_MAX_WAITING);
  }

  /** Runs {@code work} on the pool; fails with {@link Busy} at once when the pool and its queue are full. */
  public <T> Future<T> run(Callable<T> work) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new Busy());
    }
    return pool.executeBlocking(work, false).andThen(done -> pending.decrementAndGet());
  }

  @Override
  public void close() {
    pool.close();
  }
}
