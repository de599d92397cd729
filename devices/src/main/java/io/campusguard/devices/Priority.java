package io.campusguard.devices;

/**
 * Uplink lanes, most urgent first. P0: panic, fire and gas alarms, never dropped, never behind anything.
 * P1: other alarms and state changes. P2: telemetry. P3: bulk (device health inventories).
 */
public enum Priority {
  P0,
  P1,
  P2,
  P3;

  public boolean isAlarmLane() {
    return this == P0 || this == P1;
  }
}
