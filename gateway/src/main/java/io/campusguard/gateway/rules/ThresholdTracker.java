package io.campusguard.gateway.rules;

import io.campusguard.devices.body.LocalAlarm.Transition;
import io.campusguard.devices.profile.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one {@link Threshold} for one device. Raises once the value has been beyond {@code raiseAt}
 * without interruption for {@code raiseAfter}; clears once it has been back beyond {@code clearAt} for
 * {@code clearAfter}. A value inside the hysteresis band interrupts both runs, so a value hovering around
 * one level can never make it flap. Between readings the last value is taken to hold (sample and hold), which
 * is what lets a timer raise the alarm on time between two readings. Not thread-safe.
 */
final class ThresholdTracker {
  /** A transition decided, at the moment it became true (the end of the required run). */
  record Decision(Transition transition, Instant at, double value, Duration heldFor) {}

  private final Threshold threshold;
  private boolean raised;
  /** Start of the current uninterrupted run towards the other state, or null when there is none. */
  private Instant runSince;
  private double lastValue;

  ThresholdTracker(Threshold threshold) {
    this.threshold = Objects.requireNonNull(threshold, "threshold");
  }

  Threshold threshold() {
    return threshold;
  }

  boolean raised() {
    return raised;
  }

  /** A reading observed at {@code at} (never earlier than the previous one). */
  Optional<Decision> onReading(double value, Instant at) {
    lastValue = value;
    boolean towardsOther = raised ? threshold.recovered(value) : threshold.breaches(value);
    if (!towardsOther) {
      runSince = null;
      return Optional.empty();
    }
    if (runSince == null) {
      runSince = at;
    }
    Duration held = Duration.between(runSince, at);
    return held.compareTo(required()) >= 0 ? Optional.of(flip(at, held)) : Optional.empty();
  }

  /** Time passed with no reading: the run completes if the last value held long enough. */
  Optional<Decision> onTime(Instant now) {
    Optional<Instant> due = deadline();
    if (due.isEmpty() || now.isBefore(due.get())) {
      return Optional.empty();
    }
    return Optional.of(flip(due.get(), required()));
  }

  /** When the current run will complete if the value holds; empty when no run is under way. */
  Optional<Instant> deadline() {
    return runSince == null ? Optional.empty() : Optional.of(runSince.plus(required()));
  }

  private Duration required() {
    return raised ? threshold.clearAfter() : threshold.raiseAfter();
  }

  private Decision flip(Instant at, Duration held) {
    raised = !raised;
    runSince = null;
    return new Decision(raised ? Transition.RAISED : Transition.CLEARED, at, lastValue, held);
  }
}
