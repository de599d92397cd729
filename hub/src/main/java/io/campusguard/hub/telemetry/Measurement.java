package io.campusguard.hub.telemetry;

import io.campusguard.devices.WireNames;

/**
 * The series the hub keeps. A fixed set: a measurement name goes into InfluxQL text, where it cannot be bound as a
 * parameter, so it must never come from input.
 */
public enum Measurement {
  CANTEEN,
  CLASSROOM,
  CAMERA_AVAILABILITY,
  PATH_LATENCY,
  LINK_AVAILABILITY;

  public String wireName() {
    return WireNames.of(this);
  }
}
