package io.campusguard.runtime.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff, the one every reconnecting link uses: cap = min(max, initial * 2^n) for the n-th
 * delay. With jitter ({@link #Backoff(Duration, Duration, RandomGenerator)}) the delay is drawn uniformly from
 * [cap/2, cap], which keeps 129 gateways that lost the county link together from reconnecting in lock-step;
 * without ({@link #exact}) it is the cap itself, for a link to one local peer (an OPC UA server) whose waits
 * should be predictable. Not thread-safe: one per connection, used from its own callbacks.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  /** Null: no jitter. */
  private final RandomGenerator random;
  private int attempt;

  /** Without jitter: initial, 2×, 4×, … up to {@code max}. */
  public static Backoff exact(Duration initial, Duration max) {
    return new Backoff(initial, max, Optional.empty());
  }

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this(initial, max, Optional.of(Objects.requireNonNull(random, "random")));
  }

  private Backoff(Duration initial, Duration max, Optional<RandomGenerator> jitter) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    this.random = jitter.orElse(null);
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
    if (random == null) {
      return Duration.ofMillis(capMs);
    }
    long low = capMs / 2;
    return Duration.ofMillis(low + random.nextLong(capMs - low + 1));
  }

  /** After a success: the next failure starts again from {@code initial}. */
  public void reset() {
    attempt = 0;
  }
}
