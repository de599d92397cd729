package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Ids;
import java.util.Objects;

/**
 * The state of a camera or of the NVR that records it. A camera names its NVR as {@code nvr} (its parent for
 * liveness: one alarm for a silent NVR, not one per camera); an NVR reports with role {@code nvr} and no parent.
 */
public record CameraStatus(Role role, State state, String nvr) implements EventBody {
  public CameraStatus {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    if (nvr != null) {
      Ids.require("nvr", nvr);
    }
  }

  public enum Role {
    CAMERA,
    NVR
  }

  public enum State {
    ONLINE,
    OFFLINE,
    VIDEO_LOSS,
    TAMPER,
    RECORDING_FAILURE
  }

  @Override
  public EventKind kind() {
    return EventKind.CAMERA;
  }
}
