package io.campusguard.hub.engine;

import io.campusguard.hub.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm engine's crash recovery. An event is committed (and acked) before its alarm is applied; if a hub dies
 * in between, the event stays marked pending. This sweep applies such events once they are older than
 * {@code grace} (so it does not race the live path); applying twice is harmless, the store claims each event once.
 */
public final class PendingAlarmSweep {
  private static final Logger LOG = LoggerFactory.getLogger(PendingAlarmSweep.class);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  static final int PAGE = 500;

  private final Vertx vertx;
  private final EventStore events;
  private final AlarmWriter writer;
  private final Clock clock;
  private final Duration grace;
  private long timer = -1;
  private boolean running;

  public PendingAlarmSweep(Vertx vertx, EventStore events, AlarmWriter writer, Clock clock, Duration grace) {
    this.vertx = vertx;
    this.events = events;
    this.writer = writer;
    this.clock = clock;
    this.grace = grace;
  }

  public void start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> sweep());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One pass over at most one page of pending events; succeeds with how many it applied. */
  public Future<Integer> sweep() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return events.pendingAlarms(clock.instant().minus(grace), PAGE)
        .compose(found -> {
          // Those this hub's live path still has queued are not left pending: it is only behind.
          var pending = found.stream().filter(e -> !writer.queued(e.id())).toList();
          if (!pending.isEmpty()) {
            LOG.info("applying alarms of {} events left pending (a hub stopped before applying them)", pending.size());
          }
          Future<Void> chain = Future.succeededFuture();
          for (var e : pending) {
            chain = chain.compose(v -> writer.apply(e, clock.instant()).<Void>mapEmpty().recover(err -> Future.succeededFuture()));
          }
          return chain.map(pending.size());
        })
        .onComplete(v -> running = false);
  }
}
