package io.campusguard.devices.profile;

import static io.campusguard.devices.profile.Threshold.Direction.ABOVE;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default profile of every device type. Values follow the county's practice: cold stores at 0–8 °C
 * (food-safety rules for canteens), freezers at or below -18 °C, gas alarms at 10 % of the lower explosive
 * limit; one-touch alarms and cameras supervised within a minute or two, classroom devices hourly.
 */
public final class DeviceProfiles {
  private static final Map<DeviceType, DeviceProfile> DEFAULTS = new EnumMap<>(DeviceType.class);

  static {
    put(DeviceType.PANIC_BUTTON, Priority.P0, Duration.ofSeconds(30), 2, List.of());
    put(DeviceType.CAMERA, Priority.P1, Duration.ofSeconds(60), 2, List.of());
    put(DeviceType.NVR, Priority.P1, Duration.ofSeconds(30), 2, List.of());
    put(
        DeviceType.COLD_STORE_SENSOR,
        Priority.P2,
        Duration.ofSeconds(60),
        3,
        List.of(new Threshold(AlarmTypes.COLD_STORE_HIGH, ABOVE, 8.0, 7.0, Duration.ofMinutes(10), Duration.ofMinutes(2))));
    put(
        DeviceType.FREEZER_SENSOR,
        Priority.P2,
        Duration.ofSeconds(60),
        3,
        List.of(new Threshold(AlarmTypes.FREEZER_HIGH, ABOVE, -15.0, -16.0, Duration.ofMinutes(10), Duration.ofMinutes(2))));
    put(
        DeviceType.GAS_SENSOR,
        Priority.P2,
        Duration.ofSeconds(30),
        2,
        List.of(new Threshold(AlarmTypes.GAS_HIGH, ABOVE, 10.0, 5.0, Duration.ZERO, Duration.ofMinutes(1))));
    put(
        DeviceType.HUMIDITY_SENSOR,
        Priority.P2,
        Duration.ofSeconds(120),
        3,
        List.of(new Threshold(AlarmTypes.HUMIDITY_HIGH, ABOVE, 85.0, 80.0, Duration.ofMinutes(30), Duration.ofMinutes(10))));
    put(
        DeviceType.DOOR_CONTACT,
        Priority.P2,
        Duration.ofSeconds(120),
        3,
        List.of(new Threshold(AlarmTypes.COLD_STORE_DOOR_OPEN, ABOVE, 0.5, 0.5, Duration.ofMinutes(5), Duration.ZERO)));
    List<Threshold> hot = List.of(new Threshold(AlarmTypes.DEVICE_OVERHEAT, ABOVE, 75.0, 65.0, Duration.ofMinutes(5), Duration.ofMinutes(5)));
    put(DeviceType.MULTIMEDIA_PLATFORM, Priority.P3, Duration.ofMinutes(15), 4, hot);
    put(DeviceType.TEACHER_PC, Priority.P3, Duration.ofMinutes(15), 4, hot);
    put(DeviceType.STUDENT_PC, Priority.P3, Duration.ofMinutes(15), 4, hot);
    put(DeviceType.COMPUTER_ROOM_PC, Priority.P3, Duration.ofMinutes(15), 4, hot);
  }

  private DeviceProfiles() {}

  private static void put(DeviceType t, Priority p, Duration interval, int missed, List<Threshold> thresholds) {
    DEFAULTS.put(t, new DeviceProfile(t, p, interval, missed, thresholds));
  }

  public static DeviceProfile of(DeviceType type) {
    return DEFAULTS.get(type);
  }
}
