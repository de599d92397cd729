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

  /**
   * A reading a canteen PLC held for OPC UA subscribers, from {@code setAtMillis} until {@code replacedAtMillis}
   * ({@link Long#MAX_VALUE} while current). OPC UA has no delivery ack: a subscriber is told of values, and only
   * of those held long enough to be sampled, so these are reconciled apart from acknowledged publishes.
   */
  public record OpcUaValue(EmissionKey key, String campus, long setAtMillis, long replacedAtMillis) {
    OpcUaValue replacedAt(long at) {
      return new OpcUaValue(key, campus, setAtMillis, at);
    }
  }

  private final Map<EmissionKey, Sent> acked = new ConcurrentHashMap<>();
  private final Map<EmissionKey, OpcUaValue> opcua = new ConcurrentHashMap<>();
  private final Map<String, EmissionKey> currentOpcUa = new java.util.HashMap<>();
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong unacknowledged = new AtomicLong();

  public void attempted() {
    attempted.incrementAndGet();
  }

  public void acknowledged(Sent sent) {
    acked.put(sent.key(), sent);
  }

  /** A new value on a PLC (one equal to the current value is no change to OPC UA, and not recorded). */
  public synchronized void servedOverOpcUa(EmissionKey key, String campus, long atMillis) {
    EmissionKey previous = currentOpcUa.put(key.device(), key);
    if (previous != null) {
      opcua.computeIfPresent(previous, (k, v) -> v.replacedAt(atMillis));
    }
    opcua.put(key, new OpcUaValue(key, campus, atMillis, Long.MAX_VALUE));
  }

  public Map<EmissionKey, OpcUaValue> opcua() {
    return Map.copyOf(opcua);
  }

  public void unacknowledged() {
    unacknowledged.incrementAndGet();
  }

  public Map<EmissionKey, Sent> acked() {
    return Map.copyOf(acked);
  }

  /** A live view of the acknowledged publishes' keys, for counting while publishes still complete: no copy. */
  public java.util.Set<EmissionKey> ackedKeys() {
    return java.util.Collections.unmodifiableSet(acked.keySet());
  }

  public long attemptedCount() {
    return attempted.get();
  }

  public long unacknowledgedCount() {
    return unacknowledged.get();
  }
}
