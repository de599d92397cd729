package io.campusguard.hub.replacement;

import io.campusguard.hub.telemetry.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device's health score over time, scored by {@link HealthScoring} from its own classroom reports as they were
 * at each moment. A report's counters share its timestamp; a quantity missing from a report keeps its last value.
 * Faults and days offline are not in the time series, so the trend is the device's own wear, and the current
 * score (which counts them) may be lower than the trend's last point.
 */
public final class HealthTrend {
  private HealthTrend() {}

  /** One moment: the score and the facts it was scored from (null when never reported). */
  public record Point(Instant ts, int health, Long powerOnHours, Integer diskHealth, Integer bootFailures, Integer crashes, Double temperature) {}

  /**
   * The trend from samples of the {@code classroom} measurement (any order), at most {@code maxPoints} points,
   * evenly picked from all moments with the latest always kept.
   */
  public static List<Point> of(List<Sample> samples, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints: at least 2");
    }
    Map<Instant, Map<String, Double>> moments = new TreeMap<>();
    for (Sample s : samples) {
      moments.computeIfAbsent(s.ts(), k -> new HashMap<>()).put(s.quantity(), s.value());
    }
    Map<String, Double> last = new HashMap<>();
    List<Point> all = new ArrayList<>(moments.size());
    for (Map.Entry<Instant, Map<String, Double>> m : moments.entrySet()) {
      last.putAll(m.getValue());
      Long powerOn = asLong(last.get("power_on_hours"));
      Integer disk = asInt(last.get("disk_health"));
      Integer boots = asInt(last.get("boot_failures"));
      Integer crashes = asInt(last.get("crashes"));
      Double temperature = last.get("temperature");
      DeviceHealth h = new DeviceHealth(powerOn, asLong(last.get("lamp_hours")), asLong(last.get("panel_hours")), disk,
          boots == null ? 0 : boots, crashes == null ? 0 : crashes, temperature, 0, 0, 0, 0);
      all.add(new Point(m.getKey(), HealthScoring.score(h).score(), powerOn, disk, boots, crashes, temperature));
    }
    if (all.size() <= maxPoints) {
      return all;
    }
    List<Point> picked = new ArrayList<>(maxPoints);
    for (int i = 0; i < maxPoints; i++) {
      picked.add(all.get((int) Math.round((double) i * (all.size() - 1) / (maxPoints - 1))));
    }
    return picked;
  }

  private static Long asLong(Double v) {
    return v == null ? null : Math.round(v);
  }

  private static Integer asInt(Double v) {
    return v == null ? null : (int) Math.round(v);
  }
}
