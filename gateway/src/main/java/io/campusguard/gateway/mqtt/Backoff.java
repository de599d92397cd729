package io.campusguard.gateway.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: the n-th delay is drawn uniformly from [cap/2, cap] where
 * cap = min(max, initial * 2^n). The jitter keeps 129 gateways that lost the county link together from
 * reconnecting in lock-step. Not thread-safe: one per connection, used from its own callbacks.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff: need 0 < initial <= max");
    }
  }

  /** The delay before the next attempt; each call doubles the cap until it reaches {@code max}. */
  public Duration next() {
    long capMs = initial.toMillis();
    for (int i = 0; i < attempt && capMs < max.toMillis(); i++) {
      capMs *= 2;
    }
    capMs = Math.min(capMs, max.toMillis());
    attempt = Math.min(attempt + 1, 62);
    long low = capMs / 2;
    return Duration.ofMillis(low + random.nextLong(capMs - low + 1));
  }

  /** After a success: the next failure starts again from {@code initial}. */
  public void reset() {
    attempt = 0;
  }
}
