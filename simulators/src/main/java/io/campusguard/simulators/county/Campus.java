package io.campusguard.simulators.county;

import java.util.List;

/** One simulated campus: its id (LP-001…LP-129), Chinese name, town, type, pupils and devices. */
public record Campus(String id, String name, String town, CampusType type, int pupils, List<SimDevice> devices) {
  public Campus {
    devices = List.copyOf(devices);
  }
}
