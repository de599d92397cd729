package io.campusguard.hub.alarms;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The steps an operator follows for one alarm type, in both console languages ({@code zh-CN} first, {@code en}).
 * Operators edit them, so the constructor is the one place that decides what a procedure may hold; a refusal is
 * an {@link IllegalArgumentException} naming the field. {@link #DEFAULT_TYPE} applies to types without their own.
 * The limits keep a full procedure in both languages within the API's 16 KiB body limit.
 */
public record Procedure(String alarmType, List<String> stepsZh, List<String> stepsEn, int version, Instant updatedAt, String updatedBy) {
  public static final String DEFAULT_TYPE = "default";
  public static final int MAX_STEPS = 15;
  public static final int MAX_STEP_LENGTH = 200;
  /** Alarm types are lower-case wire names; gateways may raise types the hub does not know, so no fixed list. */
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  public Procedure {
    requireType(alarmType);
    stepsZh = steps("steps.zh-CN", stepsZh);
    stepsEn = steps("steps.en", stepsEn);
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(updatedBy, "updatedBy");
  }

  public static String requireType(String alarmType) {
    if (alarmType == null || !TYPE.matcher(alarmType).matches()) {
      throw new IllegalArgumentException("type: lower-case letters, digits and _, at most 40");
    }
    return alarmType;
  }

  private static List<String> steps(String field, List<String> steps) {
    if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException(field + ": 1.." + MAX_STEPS + " steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      String s = steps.get(i);
      String where = field + "[" + i + "]";
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(where + ": empty");
      }
      if (s.length() > MAX_STEP_LENGTH) {
        throw new IllegalArgumentException(where + ": longer than " + MAX_STEP_LENGTH);
      }
      if (s.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(where + ": control characters");
      }
    }
    return steps.stream().map(String::strip).toList();
  }
}
