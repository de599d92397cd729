package io.campusguard.gateway.opcua;

import java.time.Duration;

/** Capped exponential backoff: initial, 2×, 4×, … up to the cap; {@link #reset()} after a success. */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private int failures;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The wait before the next attempt, counting this failure. */
  Duration next() {
    int shift = Math.min(failures, 30);
    failures++;
    Duration d = initial.multipliedBy(1L << shift);
    return d.compareTo(max) > 0 ? max : d;
  }

  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
