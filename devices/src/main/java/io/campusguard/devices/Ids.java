package io.campusguard.devices;

import java.util.regex.Pattern;

/**
 * The allow-list for every id that ends up in an MQTT topic, an InfluxDB tag or SQL: campus ids, device ids,
 * asset ids, alarm types. Anything outside {@code [A-Za-z0-9][A-Za-z0-9_-]{0,63}} is refused, which rules out
 * topic wildcards ({@code + #}), separators ({@code /}), path tricks ({@code ..}), quotes, spaces and NUL.
 */
public final class Ids {
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private Ids() {}

  public static boolean isValid(String id) {
    return id != null && id.length() <= MAX_LENGTH && ALLOWED.matcher(id).matches();
  }

  /** Returns the id, or throws {@link IllegalArgumentException} naming the field when it is not allowed. */
  public static String require(String field, String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(field + ": not an allowed id " + Rejection.preview(id));
    }
    return id;
  }
}
