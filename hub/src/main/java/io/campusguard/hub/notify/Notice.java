package io.campusguard.hub.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * What a notification says about one alarm. {@code kind} says whether it raises the alarm or tells that it was
 * acknowledged; {@code level} is the roster level being notified (1 first). Fields not known are null.
 */
public record Notice(
    Kind kind,
    long alarmId,
    String campusId,
    String campusName,
    String building,
    String room,
    String deviceId,
    String deviceName,
    String type,
    String typeLabel,
    String priority,
    Instant at,
    int level,
    String acknowledgedBy,
    String note,
    String link) {

  public enum Kind { ALARM, ACKNOWLEDGED }

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(campusId, "campusId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }

  /** The same alarm, now acknowledged by {@code by} at {@code when}. */
  public Notice acknowledged(String by, Instant when, String ackNote) {
    return new Notice(Kind.ACKNOWLEDGED, alarmId, campusId, campusName, building, room, deviceId, deviceName, type, typeLabel,
        priority, when, level, by, ackNote, link);
  }
}
