package io.campusguard.devices;

import java.util.List;

/**
 * A decoded uplink batch: the events that passed and, separately, the ones that did not, each with its raw
 * text and reason, so one bad event never costs the good ones beside it.
 */
public record DecodedBatch(String campus, String batchId, List<EventEnvelope> events, List<RejectedItem> rejected) {
  public DecodedBatch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  /** One refused element of a batch: its position, its raw JSON (truncated) and why. */
  public record RejectedItem(int index, String raw, Rejection rejection) {}
}
