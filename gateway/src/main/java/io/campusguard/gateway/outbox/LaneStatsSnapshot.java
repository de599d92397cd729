package io.campusguard.gateway.outbox;

import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth.LaneStats;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outbox's lanes as the writer thread last left them: depth, the gatewayTs of the oldest waiting event
 * (null when empty) and drops since start. Immutable, so any thread may read it without touching SQLite.
 */
record LaneStatsSnapshot(long[] depth, Instant[] oldest, long[] dropped) {
  static final LaneStatsSnapshot EMPTY =
      new LaneStatsSnapshot(new long[4], new Instant[4], new long[4]);

  Map<Priority, LaneStats> at(Instant now) {
    Map<Priority, LaneStats> out = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      int i = p.ordinal();
      long age = oldest[i] == null ? 0 : Math.max(0, now.toEpochMilli() - oldest[i].toEpochMilli());
      out.put(p, new LaneStats(depth[i], age, dropped[i]));
    }
    return out;
  }
}
