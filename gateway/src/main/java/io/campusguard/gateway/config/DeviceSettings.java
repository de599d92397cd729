package io.campusguard.gateway.config;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.rules.SupervisedDevice;
import java.time.Duration;

/**
 * One device of the campus's register, as the YAML config writes it:
 *
 * <pre>
 * devices:
 *   - { id: LP-017-NVR-01, type: nvr }
 *   - { id: LP-017-CAM-03, type: camera, parent: LP-017-NVR-01, room: "教学楼 2F 走廊" }
 *   - { id: LP-017-SW-01, silenceLimit: 2m }          # a parent that is no device type (a switch)
 * </pre>
 *
 * The local rules supervise every listed device from the gateway's start (a device dead at boot is found too)
 * with its type's profile, and raise one alarm for a silent parent instead of one per child. {@code room} is
 * where the device is installed, for people reading the register; the rules do not use it.
 *
 * @param id the device id, as in its topic
 * @param type its {@link DeviceType} in wire form ({@code panic_button}, {@code camera}, {@code nvr}, …); may be
 *     left out only for a parent that is no device type, which then needs {@code silenceLimit}
 * @param parent the listed device it depends on to be heard (an NVR, a switch), or none
 * @param room where it is installed, or none
 * @param silenceLimit overrides the profile's silence limit
 * @param profile overrides this device's profile (over its type's): {@link ProfileSettings}; needs {@code type}
 */
public record DeviceSettings(String id, String type, String parent, String room, Duration silenceLimit, ProfileSettings profile) {

  public DeviceSettings(String id, String type, String parent, String room, Duration silenceLimit) {
    this(id, type, parent, room, silenceLimit, null);
  }

  /** Checks this entry alone (parents are checked against the whole list by {@link GatewayConfig}). */
  public SupervisedDevice toSupervised() {
    Ids.require("id", id);
    DeviceType t = null;
    if (type != null) {
      t = WireNames.parse(DeviceType.class, type)
          .orElseThrow(() -> new IllegalArgumentException("type: " + type + " is not one of " + WireNames.allowed(DeviceType.class)));
    }
    if (room != null && (room.isBlank() || room.length() > ClassroomHealth.MAX_ROOM_LENGTH)) {
      throw new IllegalArgumentException("room: must be 1.." + ClassroomHealth.MAX_ROOM_LENGTH + " characters when given");
    }
    if (profile != null && t == null) {
      throw new IllegalArgumentException("profile: needs the device's type");
    }
    return new SupervisedDevice(id, t, parent, silenceLimit);
  }
}
