package io.campusguard.devices;

import java.util.List;

/**
 * A decoded uplink batch: the events that passed and, separately, the ones that did not, each with its raw
 * text and reason, so one bad event never costs the good ones beside it. {@code outboxId} is the sending outbox's
 * id (see {@link UplinkBatch}), or null from a gateway older than the field.
 */
public record DecodedBatch(String campus, String batchId, List<EventEnvelope> events, List<RejectedItem> rejected, String outboxId) {
  public DecodedBatch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  /** A batch without an outbox id. */
  public DecodedBatch(String campus, String batchId, List<EventEnvelope> events, List<RejectedItem> rejected) {
    this(campus, batchId, events, rejected, null);
  }

  /** One refused element of a batch: its position, its raw JSON (truncated) and why. */
  public record RejectedItem(int index, String raw, Rejection rejection) {}
}
