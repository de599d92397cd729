package io.campusguard.hub.notify;

import java.nio.charset.StandardCharsets;

/** Cutting text to a byte budget without splitting a character (services count UTF-8 bytes, Chinese is 3 each). */
final class Utf8 {
  private Utf8() {}

  static String cut(String text, int maxBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > maxBytes - 3) {
        break;
      }
      bytes += n;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + "…";
  }
}
