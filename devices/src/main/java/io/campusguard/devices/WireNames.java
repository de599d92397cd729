package io.campusguard.devices;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum constants travel as lower snake case ({@code VIDEO_LOSS} is {@code "video_loss"}); one rule for all. */
public final class WireNames {
  private WireNames() {}

  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(wire)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The accepted values, for rejection messages. */
  public static String allowed(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
  }
}
