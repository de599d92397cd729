package io.campusguard.gateway.dc09;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message's data part once decrypted: {@code data] [x…]… _HH:MM:SS,MM-DD-YYYY}.
 *
 * @param data the data block without its brackets ({@code #1234|1120 01 015}, {@code #1234|Nri1/PA15}, empty for NULL)
 * @param extended the extended blocks without their brackets
 * @param timestamp the message's UTC timestamp, or null without one
 */
public record Dc09Content(String data, List<String> extended, Instant timestamp) {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy");

  /** Reads what follows the header's {@code [}; empty when it does not read. */
  public static Optional<Dc09Content> parse(String rest) {
    int close = rest.indexOf(']');
    if (close < 0) {
      return Optional.empty();
    }
    String data = rest.substring(0, close);
    if (data.indexOf('[') >= 0) {
      return Optional.empty();
    }
    List<String> extended = new ArrayList<>();
    int i = close + 1;
    while (i < rest.length() && rest.charAt(i) == '[') {
      int end = rest.indexOf(']', i);
      if (end < 0) {
        return Optional.empty();
      }
      extended.add(rest.substring(i + 1, end));
      i = end + 1;
    }
    Instant ts = null;
    if (i < rest.length()) {
      if (rest.charAt(i) != '_') {
        return Optional.empty();
      }
      ts = timestamp(rest.substring(i + 1));
      if (ts == null) {
        return Optional.empty();
      }
    }
    return Optional.of(new Dc09Content(data, List.copyOf(extended), ts));
  }

  static Instant timestamp(String text) {
    if (text.length() != 19) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, TS).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  static String format(Instant t) {
    return TS.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }
}
