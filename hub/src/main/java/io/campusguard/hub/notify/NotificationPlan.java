package io.campusguard.hub.notify;

import io.campusguard.devices.Priority;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmState;
import io.campusguard.hub.alarms.Escalation;
import io.campusguard.hub.alarms.HistoryEntry;

/**
 * Whom an alarm change calls. A P0 alarm calls roster level 1 (the campus's principal, the town's duty officer)
 * when it opens; each escalation step of a P0 alarm calls the level after the highest one already called (a P1
 * alarm raised to P0 by escalation starts at level 1). Other alarms stay on the console until escalation's last
 * step ("notify the next level"). An acknowledgement or resolution ends an alarm's notices and tells those already
 * reached.
 */
public final class NotificationPlan {
  private NotificationPlan() {}

  public enum Call {
    /** Nobody. */
    NONE,
    /** Level 1. */
    FIRST,
    /** The level after the highest already called (level 1 when none was). */
    NEXT
  }

  public static Call callFor(AlarmChange c) {
    String action = c.entry().action();
    boolean p0 = c.alarm().severity() == Priority.P0;
    if (action.equals(HistoryEntry.OPENED) && p0 && c.alarm().state() == AlarmState.OPEN) {
      return Call.FIRST;
    }
    if (action.equals(HistoryEntry.ESCALATED)
        && (p0 || c.alarm().escalationLevel() == Escalation.Action.NOTIFY_NEXT_LEVEL.ordinal() + 1)) {
      return Call.NEXT;
    }
    return Call.NONE;
  }

  /** The change ends the alarm's notices: someone took it (acknowledged) or closed it (resolved). */
  public static boolean ends(AlarmChange c) {
    String action = c.entry().action();
    return action.equals(HistoryEntry.ACKNOWLEDGED) || action.equals(HistoryEntry.RESOLVED);
  }
}
