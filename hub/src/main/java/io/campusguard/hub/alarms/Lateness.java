package io.campusguard.hub.alarms;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an event reached the hub late, as a gateway's backlog does after an outage, and by how much. A late
 * alarm is shown as late with its delay, never as if it were happening now.
 */
public record Lateness(boolean late, long delayMs) {
  public static final Lateness ON_TIME = new Lateness(false, 0);
  /** Beyond this between the device seeing it and the hub storing it, an event is late. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);

  public Lateness {
    if (delayMs < 0) {
      throw new IllegalArgumentException("delayMs: negative");
    }
  }

  /** {@code hubTs - sourceTs} against {@code bound}; a source clock ahead of ours counts as no delay. */
  public static Lateness of(Instant sourceTs, Instant hubTs, Duration bound) {
    long delay = Math.max(0, Duration.between(sourceTs, hubTs).toMillis());
    return delay > bound.toMillis() ? new Lateness(true, delay) : new Lateness(false, delay);
  }
}
