package io.campusguard.hub.supervision;

import java.time.Instant;

/**
 * Supervision's verdict on a campus's link: it was just lost (with why), just restored, or heard from for the first
 * time by this hub (the link is up, but no other hub's loss may be cleared on that ground alone).
 */
public record LinkDecision(String campus, Kind kind, String reason, Instant at) {
  public enum Kind {
    LOST,
    RESTORED,
    FIRST_HEARD
  }
}
