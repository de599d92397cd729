package io.campusguard.devices;

import java.util.Objects;

/**
 * Why an input was refused: the field (a dotted path such as {@code body.value}, or {@code payload} /
 * {@code topic} for the whole thing), a reason code that can be counted, and a human-readable detail.
 */
public record Rejection(String field, Reason reason, String detail) {
  public Rejection {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public enum Reason {
    EMPTY,
    TOO_LARGE,
    NOT_JSON,
    WRONG_SHAPE,
    WRONG_TYPE,
    MISSING,
    UNKNOWN_VALUE,
    INVALID_ID,
    OUT_OF_RANGE,
    NOT_FINITE,
    TIMESTAMP_IN_FUTURE,
    TIMESTAMP_TOO_OLD,
    UNSUPPORTED_VERSION,
    CAMPUS_MISMATCH,
    BAD_TOPIC
  }

  @Override
  public String toString() {
    return field + ": " + reason + " (" + detail + ")";
  }

  /** A short, printable preview of untrusted text for a rejection message: never the whole 10 MB. */
  public static String preview(String raw) {
    if (raw == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(raw.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (raw.length() > limit) {
      out.append("… (").append(raw.length()).append(" chars)");
    }
    return out.toString();
  }
}
