package io.campusguard.hub.replacement;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's health from 100 (as new) down to 0, and every reason that lowered it. Each rule caps what it can
 * take, so one noisy counter cannot decide alone; the caps and rates are named so IT staff can read them.
 */
public final class HealthScoring {
  static final int DISK_GOOD = 80;
  static final double DISK_POINTS_PER_PERCENT = 0.8;
  static final double DISK_MAX = 50;
  static final double BOOT_FAILURE_POINTS = 4;
  static final double BOOT_FAILURE_MAX = 20;
  static final double CRASH_POINTS = 2;
  static final double CRASH_MAX = 15;
  static final long LAMP_RATED_HOURS = 6_000;
  static final long PANEL_RATED_HOURS = 30_000;
  static final double HOT_CELSIUS = 65;
  static final double OFFLINE_DAYS_GRACE = 7;
  static final double OPEN_FAULT_POINTS = 10;
  static final double PAST_FAULT_POINTS = 3;
  static final double PAST_FAULT_MAX = 15;

  private HealthScoring() {}

  public record HealthScore(int score, List<Reason> reasons) {
    public HealthScore {
      reasons = List.copyOf(reasons);
    }
  }

  public static HealthScore score(DeviceHealth h) {
    List<Reason> reasons = new ArrayList<>();
    if (h.isUnknown()) {
      return new HealthScore(100, List.of(Reason.of("health.no_telemetry", 0)));
    }
    if (h.diskHealthPercent() != null && h.diskHealthPercent() < DISK_GOOD) {
      reasons.add(Reason.of("health.disk", Math.min(DISK_MAX, (DISK_GOOD - h.diskHealthPercent()) * DISK_POINTS_PER_PERCENT), h.diskHealthPercent()));
    }
    if (h.bootFailures() > 0) {
      reasons.add(Reason.of("health.boot_failures", Math.min(BOOT_FAILURE_MAX, h.bootFailures() * BOOT_FAILURE_POINTS), h.bootFailures()));
    }
    if (h.crashes() > 0) {
      reasons.add(Reason.of("health.crashes", Math.min(CRASH_MAX, h.crashes() * CRASH_POINTS), h.crashes()));
    }
    if (h.lampHours() != null && h.lampHours() > LAMP_RATED_HOURS * 0.8) {
      reasons.add(Reason.of("health.lamp_hours", Math.min(20, 20.0 * h.lampHours() / LAMP_RATED_HOURS - 16), h.lampHours(), LAMP_RATED_HOURS));
    }
    if (h.panelHours() != null && h.panelHours() > PANEL_RATED_HOURS * 0.8) {
      reasons.add(Reason.of("health.panel_hours", Math.min(15, 15.0 * h.panelHours() / PANEL_RATED_HOURS - 12), h.panelHours(), PANEL_RATED_HOURS));
    }
    if (h.temperatureC() != null && h.temperatureC() > HOT_CELSIUS) {
      reasons.add(Reason.of("health.hot", Math.min(10, (h.temperatureC() - HOT_CELSIUS)), h.temperatureC()));
    }
    if (h.daysOffline() > OFFLINE_DAYS_GRACE) {
      reasons.add(Reason.of("health.offline", Math.min(20, h.daysOffline() - OFFLINE_DAYS_GRACE), h.daysOffline()));
    }
    if (h.openFaults() > 0) {
      reasons.add(Reason.of("health.open_faults", Math.min(30, h.openFaults() * OPEN_FAULT_POINTS), h.openFaults()));
    }
    if (h.pastFaults() > 0) {
      reasons.add(Reason.of("health.past_faults", Math.min(PAST_FAULT_MAX, h.pastFaults() * PAST_FAULT_POINTS), h.pastFaults()));
    }
    double lost = reasons.stream().mapToDouble(Reason::points).sum();
    reasons.sort((a, b) -> Double.compare(b.points(), a.points()));
    return new HealthScore((int) Math.max(0, Math.round(100 - lost)), reasons);
  }
}
