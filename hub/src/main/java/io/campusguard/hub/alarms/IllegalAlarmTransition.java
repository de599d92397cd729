package io.campusguard.hub.alarms;

/** An action that the alarm's state does not allow, such as acknowledging a resolved alarm. */
public final class IllegalAlarmTransition extends RuntimeException {
  public IllegalAlarmTransition(String message) {
    super(message);
  }
}
