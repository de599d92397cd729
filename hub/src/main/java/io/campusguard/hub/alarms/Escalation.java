package io.campusguard.hub.alarms;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.WireNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When an alarm stays unacknowledged: first a reminder, then its severity is raised, then the next level (the
 * duty supervisor) is notified. Whom each step reaches is the duty roster's ({@code notify.NotificationPlan}: every
 * step of a P0 alarm calls the next roster level; other alarms call level 1 at the last step). Each step once, in order, measured from when the alarm opened; the caller's
 * clock drives it, so tests need no waiting.
 */
public final class Escalation {
  private final Map<String, Policy> byType;
  private final Policy fallback;

  public Escalation(Map<String, Policy> byType, Policy fallback) {
    this.byType = Map.copyOf(byType);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** A panic alarm must be taken within a minute; other alarms within a quarter of an hour. */
  public static Escalation defaults() {
    Policy panic = new Policy(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120));
    return new Escalation(
        Map.of(AlarmTypes.PANIC, panic, AlarmTypes.PANIC_TAMPER, panic,
            AlarmTypes.LINK_LOST, new Policy(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10))),
        new Policy(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30)));
  }

  /** These policies with some types' (and, when not null, the fallback's) replaced. */
  public Escalation with(Map<String, Policy> overrides, Policy newFallback) {
    Map<String, Policy> merged = new java.util.HashMap<>(byType);
    merged.putAll(overrides);
    return new Escalation(merged, newFallback == null ? fallback : newFallback);
  }

  public Policy policyFor(String type) {
    return byType.getOrDefault(type, fallback);
  }

  /** The next step due for {@code a} at {@code now}, if any. Only open (unacknowledged) alarms escalate. */
  public Optional<Step> due(Alarm a, Instant now) {
    if (a.state() != AlarmState.OPEN || a.escalationLevel() >= Action.values().length) {
      return Optional.empty();
    }
    Action next = Action.values()[a.escalationLevel()];
    Duration after = policyFor(a.type()).after(next);
    if (Duration.between(a.openedAt(), now).compareTo(after) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Step(a.escalationLevel() + 1, next));
  }

  /** Level 1 is the reminder, 2 the raised severity, 3 the next level notified. */
  public enum Action {
    REMIND,
    RAISE_SEVERITY,
    NOTIFY_NEXT_LEVEL;

    public String wireName() {
      return WireNames.of(this);
    }
  }

  public record Step(int level, Action action) {}

  /** Times after opening; each later than the one before. */
  public record Policy(Duration remindAfter, Duration raiseAfter, Duration notifyAfter) {
    public Policy {
      Objects.requireNonNull(remindAfter, "remindAfter");
      Objects.requireNonNull(raiseAfter, "raiseAfter");
      Objects.requireNonNull(notifyAfter, "notifyAfter");
      if (remindAfter.isNegative() || remindAfter.compareTo(raiseAfter) > 0 || raiseAfter.compareTo(notifyAfter) > 0) {
        throw new IllegalArgumentException("escalation: need 0 <= remindAfter <= raiseAfter <= notifyAfter");
      }
    }

    Duration after(Action action) {
      switch (action) {
        case REMIND:
          return remindAfter;
        case RAISE_SEVERITY:
          return raiseAfter;
        default:
          return notifyAfter;
      }
    }
  }
}
