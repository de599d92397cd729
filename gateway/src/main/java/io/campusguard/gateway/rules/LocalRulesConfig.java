package io.campusguard.gateway.rules;

import io.campusguard.devices.Ids;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.ProfileOverrides;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the local rules of one campus.
 *
 * @param campus the campus id, put on every alarm the rules make
 * @param debounceWindow how long a state input (a door contact, a camera's state) must stay unchanged before
 *     its change is passed on; {@link Duration#ZERO} passes every change at once
 * @param lateAfter an event whose {@code sourceTs} is more than this behind the gateway's clock is marked late;
 *     must exceed {@code debounceWindow}, since a settled change is passed on that much after it happened
 * @param maxDevices devices tracked at most, so a flood of made-up device ids cannot exhaust memory; messages
 *     of further devices are passed on unjudged and counted
 * @param forwardHeartbeats whether {@link io.campusguard.devices.body.DeviceHeartbeat}s go upstream too; by
 *     default they are consumed here (liveness is decided locally, and the hub learns it from the alarms)
 * @param devices the register: devices supervised from the start, with their parents
 * @param profiles campus overrides of {@link DeviceProfiles} per device type (reporting interval, thresholds)
 * @param deviceProfiles overrides for single devices, which win over their type's
 */
public record LocalRulesConfig(
    String campus,
    Duration debounceWindow,
    Duration lateAfter,
    int maxDevices,
    boolean forwardHeartbeats,
    List<SupervisedDevice> devices,
    Map<DeviceType, DeviceProfile> profiles,
    Map<String, DeviceProfile> deviceProfiles) {

  public static final Duration DEFAULT_DEBOUNCE_WINDOW = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LATE_AFTER = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_DEVICES = 10_000;

  public LocalRulesConfig {
    Ids.require("campus", campus);
    Objects.requireNonNull(debounceWindow, "debounceWindow");
    Objects.requireNonNull(lateAfter, "lateAfter");
    if (debounceWindow.isNegative()) {
      throw new IllegalArgumentException("debounceWindow: negative");
    }
    if (lateAfter.compareTo(debounceWindow) <= 0) {
      throw new IllegalArgumentException("lateAfter: must exceed debounceWindow (" + debounceWindow + ")");
    }
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices: must be at least 1");
    }
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    profiles = Map.copyOf(Objects.requireNonNull(profiles, "profiles"));
    deviceProfiles = Map.copyOf(deviceProfiles == null ? Map.of() : deviceProfiles);
    Set<String> ids = new HashSet<>();
    for (SupervisedDevice d : devices) {
      if (!ids.add(d.deviceId())) {
        throw new IllegalArgumentException("devices: " + d.deviceId() + " listed twice");
      }
    }
    profiles.forEach(
        (type, profile) -> {
          if (profile.type() != type) {
            throw new IllegalArgumentException("profiles: the profile under " + type + " is for " + profile.type());
          }
        });
    for (String device : deviceProfiles.keySet()) {
      SupervisedDevice listed = devices.stream().filter(d -> d.deviceId().equals(device)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("deviceProfiles: " + device + " is not in the register"));
      if (listed.type() != deviceProfiles.get(device).type()) {
        throw new IllegalArgumentException("deviceProfiles: the profile of " + device + " is for " + deviceProfiles.get(device).type());
      }
    }
  }

  /** Settings without overrides for single devices. */
  public LocalRulesConfig(
      String campus, Duration debounceWindow, Duration lateAfter, int maxDevices, boolean forwardHeartbeats,
      List<SupervisedDevice> devices, Map<DeviceType, DeviceProfile> profiles) {
    this(campus, debounceWindow, lateAfter, maxDevices, forwardHeartbeats, devices, profiles, Map.of());
  }

  /** Defaults for a campus whose devices are all found from their messages. */
  public static LocalRulesConfig defaults(String campus) {
    return new LocalRulesConfig(
        campus, DEFAULT_DEBOUNCE_WINDOW, DEFAULT_LATE_AFTER, DEFAULT_MAX_DEVICES, false, List.of(), Map.of(), Map.of());
  }

  public LocalRulesConfig withDevices(List<SupervisedDevice> register) {
    return new LocalRulesConfig(campus, debounceWindow, lateAfter, maxDevices, forwardHeartbeats, register, profiles, deviceProfiles);
  }

  /** With the county's overrides per type and per listed device. */
  public LocalRulesConfig withProfiles(Map<DeviceType, DeviceProfile> byType, Map<String, DeviceProfile> byDevice) {
    return new LocalRulesConfig(campus, debounceWindow, lateAfter, maxDevices, forwardHeartbeats, devices, byType, byDevice);
  }

  public LocalRulesConfig withDebounceWindow(Duration window) {
    return new LocalRulesConfig(campus, window, lateAfter, maxDevices, forwardHeartbeats, devices, profiles, deviceProfiles);
  }

  /** The overrides of the county defaults, as the heartbeat reports them. */
  public ProfileOverrides overrides() {
    return new ProfileOverrides(profiles, deviceProfiles);
  }

  /** The profile in force for one device of a type: its own override, else its type's. */
  public DeviceProfile profile(String device, DeviceType type) {
    DeviceProfile own = deviceProfiles.get(device);
    return own != null && own.type() == type ? own : profile(type);
  }

  /** How long this device's state input must settle: its profile's debounce, else the campus-wide window. */
  public Duration debounceWindow(String device, DeviceType type) {
    Duration own = type == null ? null : profile(device, type).debounce();
    return own != null ? own : debounceWindow;
  }

  /** The profile in force for a type: the campus's override, else the county default. */
  public DeviceProfile profile(DeviceType type) {
    DeviceProfile own = profiles.get(type);
    return own != null ? own : DeviceProfiles.of(type);
  }
}
