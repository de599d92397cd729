package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import java.util.Objects;

/**
 * "I am alive" from a device that otherwise speaks only when something happens (a panic button). It travels
 * under the device's own kind; liveness rules use it, and the gateway need not forward it.
 */
public record DeviceHeartbeat(EventKind deviceKind) implements EventBody {
  public DeviceHeartbeat {
    Objects.requireNonNull(deviceKind, "deviceKind");
    if (!deviceKind.isDeviceKind()) {
      throw new IllegalArgumentException("deviceKind: " + deviceKind + " is not a device kind");
    }
  }

  @Override
  public EventKind kind() {
    return deviceKind;
  }
}
