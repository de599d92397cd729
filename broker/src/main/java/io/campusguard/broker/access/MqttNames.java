package io.campusguard.broker.access;

import java.util.Optional;

/**
 * The check every client id and username passes before the county broker looks further. Topic wildcards
 * ({@code # +}) and the level separator ({@code /}) are refused because brokers substitute these names into
 * ACL patterns: Mosquitto's CVE-2017-7650 let a client id of {@code #} match every topic of a {@code %c} rule.
 * Control characters (NUL included) are refused because they end up in logs and files.
 */
public final class MqttNames {
  /** The gateway's own endpoint check allows 1..128 characters; the broker holds clients to the same. */
  public static final int MAX_LENGTH = 128;

  private MqttNames() {}

  /** Why {@code name} may not be used as a client id or username, or empty when it may. */
  public static Optional<String> problem(String field, String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of(field + ": required");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(field + ": longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '#' || c == '+' || c == '/') {
        return Optional.of(field + ": contains '" + c + "' (topic wildcards and separators are refused)");
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
        return Optional.of(field + ": contains control character U+" + String.format("%04X", (int) c));
      }
    }
    return Optional.empty();
  }

  public static boolean isAllowed(String name) {
    return problem("name", name).isEmpty();
  }
}
