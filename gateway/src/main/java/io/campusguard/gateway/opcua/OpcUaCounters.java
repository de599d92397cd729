package io.campusguard.gateway.opcua;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by the connections of one connector; written from Milo's threads, read for metrics. */
final class OpcUaCounters {
  final AtomicLong received = new AtomicLong();
  final AtomicLong readings = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();
  private final Map<BadValueReason, AtomicLong> bad = new EnumMap<>(BadValueReason.class);

  OpcUaCounters() {
    for (BadValueReason r : BadValueReason.values()) {
      bad.put(r, new AtomicLong());
    }
  }

  void bad(BadValueReason reason) {
    bad.get(reason).incrementAndGet();
  }

  Map<BadValueReason, Long> badSnapshot() {
    Map<BadValueReason, Long> out = new EnumMap<>(BadValueReason.class);
    bad.forEach((r, n) -> out.put(r, n.get()));
    return out;
  }
}
