package io.campusguard.hub.board;

import java.util.List;
import java.util.Set;

/** One campus's inputs to the board: its link, its panic buttons, cameras and NVRs, and which buttons were tested this quarter. */
public record CampusFacts(
    String campus, String name, String town, boolean linkUp, List<DeviceFacts> panicButtons, List<DeviceFacts> cameras,
    List<DeviceFacts> nvrs, Set<String> testedButtons) {
  public CampusFacts {
    panicButtons = List.copyOf(panicButtons);
    cameras = List.copyOf(cameras);
    nvrs = List.copyOf(nvrs);
    testedButtons = Set.copyOf(testedButtons);
  }
}
