package io.campusguard.hub.store;

import io.campusguard.devices.Priority;
import io.campusguard.hub.alarms.AlarmState;

/** Which alarms a list wants: by state (or all active), campus, severity; at most {@code limit}. */
public record AlarmFilter(AlarmState state, boolean activeOnly, String campus, Priority severity, int limit) {
  public static final int MAX_LIMIT = 1_000;

  public AlarmFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT);
    }
  }

  public static AlarmFilter active() {
    return new AlarmFilter(null, true, null, null, MAX_LIMIT);
  }
}
