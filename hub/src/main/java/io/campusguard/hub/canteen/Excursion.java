package io.campusguard.hub.canteen;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of readings beyond a threshold: the food-safety record of a cold store or freezer out of range.
 * {@code end} is the first reading back in range, null while it is still out (then {@code duration} runs to the
 * last reading). {@code peak} is the worst reading. {@code sustained} says it lasted the profile's alarm delay,
 * which a door opened for a delivery does not.
 */
public record Excursion(Instant start, Instant end, Duration duration, double peak, boolean sustained) {
  public boolean ongoing() {
    return end == null;
  }
}
