package io.campusguard.runtime.logging;

/**
 * Text a client chose (a client id, a username, a topic) made safe to write to a log: control and format
 * characters (a newline that forges a second log line, an ANSI escape that rewrites a terminal) become
 * {@code \\uXXXX}, and the length is bounded. Printable text, Chinese included, is left as it is.
 */
public final class LogText {
  /** More is cut, marked with an ellipsis: a log line is no place for a 64 KB topic. */
  public static final int MAX_CHARS = 200;

  private LogText() {}

  /** {@code s} with control characters escaped and at most {@value #MAX_CHARS} characters; null stays null. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    int n = Math.min(s.length(), MAX_CHARS);
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean unsafe = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c);
      if (unsafe && out == null) {
        out = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          out.append(String.format("\\u%04X", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    String result = out == null ? s.substring(0, n) : out.toString();
    return s.length() > n ? result + "…" : result;
  }
}
