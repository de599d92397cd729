package io.campusguard.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a config file: {@code 500ms}, {@code 20s}, {@code 10m}, {@code 2h},
 * {@code 30d}, or ISO-8601 ({@code PT20S}). A bare number is refused: its unit would be a guess.
 */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  private DurationText() {}

  public static Duration parse(String text) {
    String t = text.trim();
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration (write 500ms, 20s, 10m, 2h, 30d or PT20S): " + text);
    }
  }

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("campusguard-durations");
    module.addDeserializer(
        Duration.class,
        new StdScalarDeserializer<Duration>(Duration.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
              return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
              return parse(p.getText());
            } catch (IllegalArgumentException e) {
              return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
            }
          }
        });
    return module;
  }
}
