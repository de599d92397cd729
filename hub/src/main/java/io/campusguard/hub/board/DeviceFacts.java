package io.campusguard.hub.board;

import java.time.Instant;
import java.util.Set;

/**
 * What the hub knows of one device for the board: when it was last heard, its active alarm types, and for a
 * camera the NVR it records to (null when unknown or not a camera).
 */
public record DeviceFacts(String id, Instant lastSeenAt, Set<String> activeAlarms, String nvr) {
  public DeviceFacts {
    activeAlarms = Set.copyOf(activeAlarms);
  }
}
