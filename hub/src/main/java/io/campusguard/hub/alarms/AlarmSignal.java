package io.campusguard.hub.alarms;

import io.campusguard.devices.Ids;
import io.campusguard.devices.Priority;
import java.time.Instant;
import java.util.Objects;

/**
 * "This alarm condition began (or ended) for this device": what the rules derive from one event, and what
 * supervision derives from a silent link. {@code eventId} is null when no event caused it (supervision).
 */
public record AlarmSignal(
    String campus,
    String device,
    String type,
    Priority severity,
    Edge edge,
    Instant sourceTs,
    String eventId,
    String detail,
    Lateness lateness) {

  public AlarmSignal {
    Ids.require("campus", campus);
    Ids.require("device", device);
    Ids.require("type", type);
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(sourceTs, "sourceTs");
    detail = detail == null ? "" : detail;
    lateness = lateness == null ? Lateness.ON_TIME : lateness;
  }

  public enum Edge {
    RAISE,
    CLEAR,
    /** A press during test mode: goes to the test ledger, never opens an alarm. */
    TEST
  }

  /** The key the database keeps unique among active alarms, and the hub's single writer is keyed by. */
  public String writerKey() {
    return campus + "/" + device;
  }
}
