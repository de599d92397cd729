package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import java.util.Objects;

/**
 * Health of a classroom device: a multimedia teaching platform (多媒体教学平台) or a PC. Counters are totals
 * since installation; {@code lampHours} applies to projector platforms and {@code panelHours} to flat panels,
 * either may be absent. {@code diskHealthPercent} is the remaining life the disk reports (100 = new).
 * {@code room} is the room the device's agent says it stands in (its configured classroom), optional: an
 * older agent leaves it out, and the hub then cannot tell that a device was moved within its campus.
 */
public record ClassroomHealth(
    DeviceType deviceType,
    long powerOnHours,
    Long lampHours,
    Long panelHours,
    Integer diskHealthPercent,
    int bootFailures,
    int crashes,
    Double temperatureC,
    String lastFault,
    String room)
    implements EventBody {

  public static final int MAX_FAULT_LENGTH = 200;
  /** The same bound as an asset record's room, so a reported room can always be compared with it. */
  public static final int MAX_ROOM_LENGTH = 100;

  /** A report without a room, as agents sent before rooms were reported. */
  public ClassroomHealth(
      DeviceType deviceType, long powerOnHours, Long lampHours, Long panelHours, Integer diskHealthPercent,
      int bootFailures, int crashes, Double temperatureC, String lastFault) {
    this(deviceType, powerOnHours, lampHours, panelHours, diskHealthPercent, bootFailures, crashes, temperatureC, lastFault, null);
  }

  public ClassroomHealth {
    Objects.requireNonNull(deviceType, "deviceType");
    requireNonNegative("powerOnHours", powerOnHours);
    if (lampHours != null) {
      requireNonNegative("lampHours", lampHours);
    }
    if (panelHours != null) {
      requireNonNegative("panelHours", panelHours);
    }
    if (diskHealthPercent != null && (diskHealthPercent < 0 || diskHealthPercent > 100)) {
      throw new IllegalArgumentException("diskHealthPercent: outside 0..100");
    }
    requireNonNegative("bootFailures", bootFailures);
    requireNonNegative("crashes", crashes);
    if (temperatureC != null && !(temperatureC >= -40 && temperatureC <= 150)) {
      throw new IllegalArgumentException("temperatureC: outside -40..150");
    }
    if (lastFault != null && lastFault.length() > MAX_FAULT_LENGTH) {
      throw new IllegalArgumentException("lastFault: longer than " + MAX_FAULT_LENGTH);
    }
    if (room != null && (room.isBlank() || room.length() > MAX_ROOM_LENGTH || room.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException("room: blank, longer than " + MAX_ROOM_LENGTH + " or with control characters");
    }
  }

  private static void requireNonNegative(String field, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(field + ": negative");
    }
  }

  public enum DeviceType {
    MULTIMEDIA_PLATFORM,
    TEACHER_PC,
    STUDENT_PC,
    COMPUTER_ROOM_PC
  }

  @Override
  public EventKind kind() {
    return EventKind.CLASSROOM;
  }
}
