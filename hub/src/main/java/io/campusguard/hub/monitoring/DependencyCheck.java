package io.campusguard.hub.monitoring;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a service the hub needs (PostgreSQL, InfluxDB) answered its last check, for the gauge
 * {@code cg_dependency_up{dependency}}: a hub whose database is gone keeps serving its cached pages, so without
 * this only the ingest errors would tell, and only while events arrive.
 *
 * <p>The probe must not block (a Vert.x query, or work handed to a worker). A probe that has not answered within
 * the timeout counts as down; a check asked for while the previous one still runs is skipped, so a hanging
 * service never piles up probes. Until the first answer the dependency counts as down.
 */
public final class DependencyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyCheck.class);

  private final String name;
  private final Supplier<Future<Void>> probe;
  private final Duration timeout;
  private volatile boolean up;
  private volatile boolean running;
  private volatile boolean answeredOnce;

  public DependencyCheck(String name, Supplier<Future<Void>> probe, Duration timeout) {
    this.name = name;
    this.probe = probe;
    this.timeout = timeout;
  }

  public String name() {
    return name;
  }

  /** True when the last check was answered in time. */
  public boolean up() {
    return up;
  }

  /** Runs one check unless one is running; completes when it has been judged (never fails). */
  public Future<Boolean> check() {
    if (running) {
      return Future.succeededFuture(up);
    }
    running = true;
    Future<Void> answer;
    try {
      answer = probe.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).transform(ar -> {
      boolean nowUp = ar.succeeded();
      if (!nowUp && (up || !answeredOnce)) {
        LOG.warn("{} does not answer: {}", name, ar.cause() == null ? "no answer" : ar.cause().toString());
      } else if (nowUp && !up && answeredOnce) {
        LOG.info("{} answers again", name);
      }
      up = nowUp;
      answeredOnce = true;
      running = false;
      return Future.succeededFuture(nowUp);
    });
  }
}
