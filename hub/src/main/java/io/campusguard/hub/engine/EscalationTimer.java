package io.campusguard.hub.engine;

import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmLifecycle;
import io.campusguard.hub.alarms.Escalation;
import io.campusguard.hub.store.AlarmStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks the escalation rules over open alarms. Each step is re-decided under the alarm's row lock, so several
 * hubs ticking together escalate an alarm once per level.
 */
public final class EscalationTimer {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationTimer.class);

  private final Vertx vertx;
  private final AlarmStore store;
  private final Escalation escalation;
  private final Clock clock;
  private final Duration every;
  private final Consumer<List<AlarmChange>> onChanges;
  private long timer = -1;
  private boolean running;

  public EscalationTimer(Vertx vertx, AlarmStore store, Escalation escalation, Clock clock, Duration every, Consumer<List<AlarmChange>> onChanges) {
    this.vertx = vertx;
    this.store = store;
    this.escalation = escalation;
    this.clock = clock;
    this.every = every;
    this.onChanges = onChanges;
  }

  public void start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One pass; a pass still running makes the next tick skip. */
  public Future<Void> tick() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return store.escalationCandidates(Escalation.Action.values().length)
        .compose(candidates -> {
          Future<Void> chain = Future.succeededFuture();
          for (var a : candidates) {
            if (escalation.due(a, clock.instant()).isEmpty()) {
              continue;
            }
            chain = chain.compose(v -> store.act(a.id(), AlarmLifecycle.SYSTEM, current -> {
                  var step = escalation.due(current, clock.instant());
                  if (step.isEmpty()) {
                    throw new AlreadyEscalated();
                  }
                  return AlarmLifecycle.escalate(current, step.get(), clock.instant());
                }, clock.instant())
                .<Void>map(change -> {
                  LOG.info("alarm {} ({} at {}) escalated: {}", change.alarm().id(), change.alarm().type(), change.alarm().campus(), change.entry().note());
                  onChanges.accept(List.of(change));
                  return null;
                })
                .recover(err -> Future.succeededFuture()));
          }
          return chain;
        })
        .onComplete(v -> running = false);
  }

  /** Another hub (or the operator) got there first: nothing to do. */
  private static final class AlreadyEscalated extends RuntimeException {
    AlreadyEscalated() {
      super(null, null, false, false);
    }
  }
}
