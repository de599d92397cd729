package io.campusguard.gateway.rules;

import io.campusguard.devices.Ids;
import io.campusguard.devices.profile.DeviceType;
import java.time.Duration;

/**
 * A device the campus's register knows before it speaks: supervised for liveness from the gateway's start, so
 * a device that is dead at boot is found too. A device that is not listed is supervised from its first message
 * (its type inferred from the body).
 *
 * @param deviceId the device id
 * @param type its type, which gives the profile (reporting interval, thresholds); may be null for a parent
 *     that is not a {@link DeviceType}, such as a network switch, which must then give {@code silenceLimit}
 * @param parent the device it depends on to be heard (an NVR, a switch), or null
 * @param silenceLimit overrides the profile's {@code silenceLimit()}; null to use the profile's
 */
public record SupervisedDevice(String deviceId, DeviceType type, String parent, Duration silenceLimit) {
  public SupervisedDevice {
    Ids.require("deviceId", deviceId);
    if (parent != null) {
      Ids.require("parent", parent);
      if (parent.equals(deviceId)) {
        throw new IllegalArgumentException("parent: a device cannot be its own parent (" + deviceId + ")");
      }
    }
    if (silenceLimit != null && (silenceLimit.isZero() || silenceLimit.isNegative())) {
      throw new IllegalArgumentException("silenceLimit: must be positive (" + deviceId + ")");
    }
    if (type == null && silenceLimit == null) {
      throw new IllegalArgumentException("silenceLimit: required when type is absent (" + deviceId + ")");
    }
  }

  /** A parent that is not a device type of its own, such as a network switch. */
  public static SupervisedDevice parent(String deviceId, Duration silenceLimit) {
    return new SupervisedDevice(deviceId, null, null, silenceLimit);
  }

  public static SupervisedDevice of(String deviceId, DeviceType type, String parent) {
    return new SupervisedDevice(deviceId, type, parent, null);
  }
}
