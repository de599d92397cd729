package io.campusguard.hub.alarms;

import io.campusguard.devices.WireNames;
import java.util.Optional;

/** Where an alarm is in its life: open until someone acknowledges it, active until someone (or its source) resolves it. */
public enum AlarmState {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED;

  public String wireName() {
    return WireNames.of(this);
  }

  public boolean isActive() {
    return this != RESOLVED;
  }

  public static Optional<AlarmState> fromWire(String name) {
    return WireNames.parse(AlarmState.class, name);
  }
}
