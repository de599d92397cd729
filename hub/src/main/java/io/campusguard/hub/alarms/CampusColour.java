package io.campusguard.hub.alarms;

import io.campusguard.devices.WireNames;

/**
 * The colour the county wall shows for a campus. Red: someone must act now (an active P0 alarm, or the link is
 * lost so nobody can know). Yellow: something is wrong but not urgent (other active alarms, degraded devices).
 * Green: nothing known to be wrong.
 */
public enum CampusColour {
  GREEN,
  YELLOW,
  RED;

  public String wireName() {
    return WireNames.of(this);
  }

  public static CampusColour of(boolean linkLost, int activeP0, int activeOther, int degradedDevices) {
    if (linkLost || activeP0 > 0) {
      return RED;
    }
    if (activeOther > 0 || degradedDevices > 0) {
      return YELLOW;
    }
    return GREEN;
  }
}
