package io.campusguard.devices.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.campusguard.devices.CodecLimits;
import io.campusguard.devices.Ids;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.WireNames;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the fields of one JSON object and refuses anything off-contract with the field's full path
 * ({@code body.value}) and a reason. Unknown fields are ignored, so newer senders stay readable.
 */
final class FieldReader {
  static final int MAX_TEXT_LENGTH = 500;

  private final JsonNode node;
  private final String path;

  private FieldReader(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** @param path the object's own path, {@code ""} for the top level */
  static FieldReader of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new RejectedInput(
          path.isEmpty() ? "payload" : path, Reason.WRONG_SHAPE, "expected a JSON object, got " + describe(node));
    }
    return new FieldReader(node, path);
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    JsonNode n = node.get(field);
    return n != null && !n.isNull();
  }

  JsonNode required(String field) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      throw new RejectedInput(path(field), Reason.MISSING, "required field is missing");
    }
    return n;
  }

  FieldReader object(String field) {
    return of(required(field), path(field));
  }

  String text(String field) {
    JsonNode n = required(field);
    if (!n.isTextual()) {
      throw wrongType(field, "a string", n);
    }
    return n.textValue();
  }

  /** Free text (a fault description): bounded, no control characters that could forge log lines. */
  String optionalFreeText(String field, int maxLength) {
    if (!has(field)) {
      return null;
    }
    String s = text(field);
    if (s.length() > maxLength) {
      throw new RejectedInput(path(field), Reason.OUT_OF_RANGE, "longer than " + maxLength + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new RejectedInput(path(field), Reason.OUT_OF_RANGE, "contains control characters");
      }
    }
    return s;
  }

  String id(String field) {
    String s = text(field);
    if (!Ids.isValid(s)) {
      throw new RejectedInput(path(field), Reason.INVALID_ID, "not an allowed id " + preview(s));
    }
    return s;
  }

  String optionalId(String field) {
    return has(field) ? id(field) : null;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String s = text(field);
    return WireNames.parse(type, s)
        .orElseThrow(
            () ->
                new RejectedInput(
                    path(field), Reason.UNKNOWN_VALUE, preview(s) + " is not one of " + WireNames.allowed(type)));
  }

  <E extends Enum<E>> E optionalEnum(String field, Class<E> type, E fallback) {
    return has(field) ? enumValue(field, type) : fallback;
  }

  double finiteNumber(String field) {
    JsonNode n = required(field);
    if (!n.isNumber()) {
      throw wrongType(field, "a number", n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw new RejectedInput(path(field), Reason.NOT_FINITE, "not a finite number");
    }
    return v;
  }

  Double optionalFiniteNumber(String field) {
    return has(field) ? finiteNumber(field) : null;
  }

  double numberInRange(String field, double min, double max) {
    double v = finiteNumber(field);
    if (v < min || v > max) {
      throw new RejectedInput(path(field), Reason.OUT_OF_RANGE, v + " is outside " + min + ".." + max);
    }
    return v;
  }

  long integer(String field) {
    JsonNode n = required(field);
    if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToLong()) {
      throw wrongType(field, "an integer", n);
    }
    return n.longValue();
  }

  long integerInRange(String field, long min, long max) {
    long v = integer(field);
    if (v < min || v > max) {
      throw new RejectedInput(path(field), Reason.OUT_OF_RANGE, v + " is outside " + min + ".." + max);
    }
    return v;
  }

  long nonNegative(String field) {
    return integerInRange(field, 0, Long.MAX_VALUE);
  }

  Long optionalNonNegative(String field) {
    return has(field) ? nonNegative(field) : null;
  }

  int optionalCount(String field) {
    return has(field) ? (int) integerInRange(field, 0, Integer.MAX_VALUE) : 0;
  }

  /**
   * An ISO-8601 instant ({@code 2026-11-28T08:00:00Z} or with an offset) or epoch milliseconds, within the
   * limits' window around {@code clock}'s now.
   */
  Instant timestamp(String field, Clock clock, CodecLimits limits) {
    Instant ts = instant(field);
    Instant now = clock.instant();
    if (ts.isAfter(now.plus(limits.maxFutureSkew()))) {
      throw new RejectedInput(
          path(field), Reason.TIMESTAMP_IN_FUTURE, ts + " is more than " + limits.maxFutureSkew() + " ahead");
    }
    if (ts.isBefore(now.minus(limits.maxAge()))) {
      throw new RejectedInput(path(field), Reason.TIMESTAMP_TOO_OLD, ts + " is older than " + limits.maxAge());
    }
    return ts;
  }

  /** A time as ISO-8601 or epoch milliseconds, without comparing it to our clock (another clock's reading). */
  Instant instant(String field) {
    JsonNode n = required(field);
    Instant ts;
    if (n.isTextual()) {
      ts = parseInstant(field, n.textValue());
    } else if (n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong()) {
      try {
        ts = Instant.ofEpochMilli(n.longValue());
      } catch (DateTimeException e) {
        throw new RejectedInput(path(field), Reason.OUT_OF_RANGE, "not a representable time");
      }
    } else {
      throw wrongType(field, "an ISO-8601 time or epoch milliseconds", n);
    }
    return ts;
  }

  Iterator<Map.Entry<String, JsonNode>> fields() {
    return node.fields();
  }

  RejectedInput wrongType(String field, String expected, JsonNode actual) {
    return new RejectedInput(path(field), Reason.WRONG_TYPE, "expected " + expected + ", got " + describe(actual));
  }

  private Instant parseInstant(String field, String s) {
    if (s.length() > 40) {
      throw new RejectedInput(path(field), Reason.WRONG_TYPE, "not an ISO-8601 time " + preview(s));
    }
    try {
      return UtcTimestamps.parse(s);
    } catch (DateTimeException e) {
      throw new RejectedInput(path(field), Reason.WRONG_TYPE, "not an ISO-8601 time " + preview(s));
    }
  }

  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static String preview(String s) {
    return Rejection.preview(s);
  }
}
