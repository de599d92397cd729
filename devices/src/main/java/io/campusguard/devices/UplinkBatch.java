package io.campusguard.devices;

import java.util.List;
import java.util.Objects;

/**
 * What a gateway publishes on {@code county/{campus}/events}: one or more envelopes of its own campus. A P0
 * alarm travels in a batch of one, at once; telemetry is batched.
 *
 * <p>{@code outboxId} names the outbox the events' sequence numbers come from: made once with the outbox file and
 * kept with it, so a restart keeps it and a reinstalled gateway (a fresh outbox, whose sequence starts again at 1)
 * has a new one. It is the restart marker the hub needs to tell a legitimate sequence reset from a replayed or
 * substituted stream. Optional: null from gateways older than the field.
 */
public record UplinkBatch(String campus, String batchId, List<EventEnvelope> events, String outboxId) {
  public UplinkBatch {
    Ids.require("campus", campus);
    EventIds.require("batchId", batchId);
    if (outboxId != null) {
      EventIds.require("outboxId", outboxId);
    }
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events: empty batch");
    }
  }

  /** A batch without an outbox id, as gateways older than the field send it. */
  public UplinkBatch(String campus, String batchId, List<EventEnvelope> events) {
    this(campus, batchId, events, null);
  }
}
