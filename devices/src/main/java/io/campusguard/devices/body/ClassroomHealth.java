package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import java.util.Objects;

/**
 * Health of a classroom device: a multimedia teaching platform (多媒体教学平台) or a PC. Counters are totals
 * since installation; {@code lampHours} applies to projector platforms and {@code panelHours} to flat panels,
 * either may be absent. {@code diskHealthPercent} is the remaining life the disk reports (100 = new).
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
    String lastFault)
    implements EventBody {

  public static final int MAX_FAULT_LENGTH = 200;

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
