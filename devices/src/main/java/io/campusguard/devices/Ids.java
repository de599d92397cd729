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
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !isAlphanumeric(id.charAt(0))) {
      return false;
    }
    // A loop rather than ALLOWED.matcher(id).matches(): every message checks several ids, and the regex engine
    // was a visible share of the gateway's time per message. IdsTest holds the two to the same answers.
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isAlphanumeric(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** The allow-list as a regular expression, for documentation and for tests that compare against it. */
  static Pattern pattern() {
    return ALLOWED;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Returns the id, or throws {@link IllegalArgumentException} naming the field when it is not allowed. */
  public static String require(String field, String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(field + ": not an allowed id " + Rejection.preview(id));
    }
    return id;
  }
}
