package io.campusguard.hub.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that can come once per message in a flood (every batch in flight when the database goes away, every
 * ack while the broker is gone) is logged once per kind and window, then as a count: "…and 20,417 more like it
 * in the last 10 s". A hub stopping under load logged 150,000 such lines in 28 s, which slowed the stop itself and
 * buried the lines that mattered. Every occurrence is still counted (see {@link #total}); metrics keep the rates.
 */
public final class FloodedWarnings {
  private final Logger log;
  private final Clock clock;
  private final long windowMs;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public FloodedWarnings(Logger log, Duration window, Clock clock) {
    this.log = log;
    this.clock = clock;
    this.windowMs = window.toMillis();
  }

  public FloodedWarnings(Logger log) {
    this(log, Duration.ofSeconds(10), Clock.systemUTC());
  }

  /**
   * Logs {@code format} with {@code args} (SLF4J style) as a WARN when it is the first of {@code kind} in its
   * window; otherwise counts it, and the first one after the window says how many were held back.
   */
  public void warn(String kind, String format, Object... args) {
    long now = clock.millis();
    Window w = windows.computeIfAbsent(kind, k -> new Window());
    w.total.incrementAndGet();
    long held;
    synchronized (w) {
      if (w.startedMs >= 0 && now - w.startedMs < windowMs) {
        w.heldBack++;
        return;
      }
      held = w.heldBack;
      w.heldBack = 0;
      w.startedMs = now;
    }
    if (held > 0) {
      log.warn("…and {} more like the last '{}' warning in the {} s before this one", held, kind, windowMs / 1000);
    }
    log.warn(format, args);
  }

  /** How many warnings of {@code kind} there have been, logged or held back. */
  public long total(String kind) {
    Window w = windows.get(kind);
    return w == null ? 0 : w.total.get();
  }

  private static final class Window {
    final AtomicLong total = new AtomicLong();
    long startedMs = -1;
    long heldBack;
  }
}
