package io.campusguard.hub.canteen;

import io.campusguard.devices.profile.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds the excursions in a series of readings against a threshold. Plain Java; readings oldest first. */
public final class Excursions {
  private Excursions() {}

  /** A reading: when, and the value. */
  public record Reading(Instant ts, double value) {}

  /**
   * The runs of readings beyond {@code threshold.raiseAt()} (strictly above for an upper limit, strictly below for
   * a lower one), oldest first. The limit itself is in range: 8.0 °C in an 8 °C cold store is allowed.
   */
  public static List<Excursion> find(List<Reading> readings, Threshold threshold) {
    boolean above = threshold.direction() == Threshold.Direction.ABOVE;
    List<Excursion> out = new ArrayList<>();
    Instant start = null;
    double peak = 0;
    Instant last = null;
    for (Reading r : readings) {
      boolean beyond = above ? r.value() > threshold.raiseAt() : r.value() < threshold.raiseAt();
      if (beyond) {
        if (start == null) {
          start = r.ts();
          peak = r.value();
        } else {
          peak = above ? Math.max(peak, r.value()) : Math.min(peak, r.value());
        }
      } else if (start != null) {
        out.add(excursion(start, r.ts(), r.ts(), peak, threshold));
        start = null;
      }
      last = r.ts();
    }
    if (start != null) {
      out.add(excursion(start, null, last, peak, threshold));
    }
    return List.copyOf(out);
  }

  private static Excursion excursion(Instant start, Instant end, Instant until, double peak, Threshold threshold) {
    Duration d = Duration.between(start, until);
    return new Excursion(start, end, d, peak, d.compareTo(threshold.raiseAfter()) >= 0);
  }
}
