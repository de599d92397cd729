package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.outbox.Outbox;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the time side of the local rules: one timer armed at the rules' next deadline (never a polling loop),
 * whose alarms (a device gone silent, a cold store warm for ten minutes) go to the outbox like any event. Re-armed
 * after every tick, and at least every {@link #MAX_SLEEP} so a new deadline set by a message is not missed for long.
 */
public final class RulesTicker implements AutoCloseable {
  static final Duration MAX_SLEEP = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(RulesTicker.class);

  private final RulesHook rules;
  private final Outbox outbox;
  private final ScheduledExecutorService scheduler;
  private volatile ScheduledFuture<?> next;
  private volatile boolean closed;

  public RulesTicker(RulesHook rules, Outbox outbox, ScheduledExecutorService scheduler) {
    this.rules = rules;
    this.outbox = outbox;
    this.scheduler = scheduler;
  }

  public void start() {
    arm();
  }

  private void arm() {
    if (closed) {
      return;
    }
    Duration wait = rules.untilNextDeadline().map(d -> d.compareTo(MAX_SLEEP) < 0 ? d : MAX_SLEEP).orElse(MAX_SLEEP);
    next = scheduler.schedule(this::tick, Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      for (DeviceMessage alarm : rules.onTick()) {
        outbox.append(alarm, PriorityPolicy.of(alarm.body())).whenComplete((e, failure) -> {
          if (failure != null) {
            LOG.error("local rule alarm for {} not stored: {}", alarm.device(), failure.toString());
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.error("local rules tick failed", e);
    } finally {
      arm();
    }
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
  }
}
