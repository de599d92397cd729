package io.campusguard.gateway.ingest;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.GatewayHealth;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few refused inputs, for the heartbeat: a device sending garbage shows at the county with why. Thread-safe. */
final class RecentRejections {
  static final int DEFAULT_KEPT = GatewayHealth.MAX_RECENT_REFUSALS;

  private final int kept;
  private final Deque<GatewayHealth.Refusal> newestFirst = new ArrayDeque<>();

  RecentRejections(int kept) {
    this.kept = kept;
  }

  synchronized void add(Instant at, String source, Rejection rejection) {
    newestFirst.addFirst(new GatewayHealth.Refusal(at, source, rejection.field(), WireNames.of(rejection.reason()), rejection.detail()));
    while (newestFirst.size() > kept) {
      newestFirst.removeLast();
    }
  }

  synchronized List<GatewayHealth.Refusal> newestFirst() {
    return new ArrayList<>(newestFirst);
  }
}
