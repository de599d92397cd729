package io.campusguard.simulators.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated devices sent during a load test and what they saw acknowledged. Only acknowledged
 * publishes count as sent: an unacknowledged one the device would retry, and the gateway promises nothing for it.
 * Thread-safe: publishes complete on Vert.x event loops.
 */
public final class Ledger {
  /** A publish the device saw acknowledged; {@code alarm} marks the P0 presses whose latency is measured. */
  public record Sent(EmissionKey key, String campus, boolean alarm, long publishedAtMillis, long ackedAtMillis) {}

  private final Map<EmissionKey, Sent> acked = new ConcurrentHashMap<>();
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong unacknowledged = new AtomicLong();

  public void attempted() {
    attempted.incrementAndGet();
  }

  public void acknowledged(Sent sent) {
    acked.put(sent.key(), sent);
  }

  public void unacknowledged() {
    unacknowledged.incrementAndGet();
  }

  public Map<EmissionKey, Sent> acked() {
    return Map.copyOf(acked);
  }

  public long attemptedCount() {
    return attempted.get();
  }

  public long unacknowledgedCount() {
    return unacknowledged.get();
  }
}
