package io.campusguard.devices;

import java.util.List;
import java.util.Objects;

/**
 * What a gateway publishes on {@code county/{campus}/events}: one or more envelopes of its own campus. A P0
 * alarm travels in a batch of one, at once; telemetry is batched.
 */
public record UplinkBatch(String campus, String batchId, List<EventEnvelope> events) {
  public UplinkBatch {
    Ids.require("campus", campus);
    EventIds.require("batchId", batchId);
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events: empty batch");
    }
  }
}
