package io.campusguard.hub.replacement;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import java.util.Objects;

/**
 * An asset considered for replacement with what telemetry says of it and how much it is used: classes a week
 * that depend on it (a computer-room PC used by 50 classes a week matters more than a spare). A null usage
 * takes the category's typical figure.
 */
public record Candidate(Asset asset, DeviceHealth health, Integer classesPerWeek) {
  public Candidate {
    Objects.requireNonNull(asset, "asset");
    health = health == null ? DeviceHealth.UNKNOWN : health;
    if (classesPerWeek != null && classesPerWeek < 0) {
      throw new IllegalArgumentException("classesPerWeek: negative");
    }
  }

  public static Candidate of(Asset asset) {
    return new Candidate(asset, DeviceHealth.UNKNOWN, null);
  }

  public int usage() {
    return classesPerWeek != null ? classesPerWeek : typicalUsage(asset.category());
  }

  static int typicalUsage(AssetCategory c) {
    switch (c) {
      case COMPUTER_ROOM_PC:
        return 50;
      case MULTIMEDIA_PLATFORM:
        return 30;
      case TEACHER_PC:
        return 25;
      case STUDENT_PC:
        return 15;
      default:
        return 20;
    }
  }
}
