package io.campusguard.hub.supervision;

import java.time.Instant;

/** Supervision's verdict on a campus's link: it was just lost (with why) or just restored. */
public record LinkDecision(String campus, Kind kind, String reason, Instant at) {
  public enum Kind {
    LOST,
    RESTORED
  }
}
