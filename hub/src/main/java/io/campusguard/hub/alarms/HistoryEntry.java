package io.campusguard.hub.alarms;

import java.time.Instant;
import java.util.Objects;

/** One line of an alarm's history: what was done, by whom, when, with what note. */
public record HistoryEntry(String action, String actor, Instant at, String note) {
  public static final String OPENED = "opened";
  public static final String REPEATED = "repeated";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String ASSIGNED = "assigned";
  public static final String RESOLVED = "resolved";
  public static final String SOURCE_CLEARED = "source_cleared";
  public static final String ESCALATED = "escalated";

  public HistoryEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
