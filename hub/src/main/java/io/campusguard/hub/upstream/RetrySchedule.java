package io.campusguard.hub.upstream;

import java.time.Duration;

/**
 * When to try a delivery again: doubling from {@code first} up to {@code max}, then give up after {@code maxAttempts}.
 * No jitter: deliveries are already spread by when their alarms happened.
 */
public record RetrySchedule(Duration first, Duration max, int maxAttempts) {
  public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), 30);

  public RetrySchedule {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("webhook retry: need 0 < first <= max");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook.maxAttempts: must be at least 1");
    }
  }

  /** The wait after the {@code attempts}-th failed attempt (1-based). */
  public Duration delayAfter(int attempts) {
    long ms = first.toMillis();
    for (int i = 1; i < attempts && ms < max.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, max.toMillis()));
  }

  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
