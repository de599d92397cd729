package io.campusguard.gateway.config;

import io.campusguard.devices.WireNames;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A county's override of a device profile, as the YAML writes it under {@code profiles.<device type>} or a device's
 * {@code profile}. Fields left out keep the profile below (the county default, or the type's override for a
 * device); {@code thresholds}, when given, replace that profile's list whole.
 *
 * <pre>
 * profiles:
 *   cold_store_sensor:
 *     reportingInterval: 60s          # expected reporting interval; silent for (missedReportsAllowed + 1) of them: offline
 *     missedReportsAllowed: 3
 *     debounce: 10s                   # a state input must settle this long (0s: every change at once)
 *     parentSuppression: true         # a silent parent's one alarm speaks for this device
 *     thresholds:
 *       - { alarmType: cold_store_high, direction: above, raiseAt: 6, clearAt: 5, raiseAfter: 5m, clearAfter: 2m }
 * </pre>
 */
public record ProfileSettings(
    Duration reportingInterval, Integer missedReportsAllowed, Duration debounce, Boolean parentSuppression,
    List<ThresholdSettings> thresholds) {

  /** One threshold with hysteresis: raised when beyond {@code raiseAt} for {@code raiseAfter}, cleared when back beyond {@code clearAt} for {@code clearAfter}. */
  public record ThresholdSettings(
      String alarmType, String direction, Double raiseAt, Double clearAt, Duration raiseAfter, Duration clearAfter) {

    Threshold toThreshold() {
      Threshold.Direction d = WireNames.parse(Threshold.Direction.class, direction == null ? "" : direction)
          .orElseThrow(() -> new IllegalArgumentException("direction: one of " + WireNames.allowed(Threshold.Direction.class)));
      if (raiseAt == null) {
        throw new IllegalArgumentException("raiseAt: required");
      }
      double clear = clearAt == null ? raiseAt : clearAt;
      return new Threshold(alarmType, d, raiseAt, clear,
          raiseAfter == null ? Duration.ZERO : raiseAfter, clearAfter == null ? Duration.ZERO : clearAfter);
    }
  }

  /**
   * {@code base} with this override applied. Errors name the field inside the profile ({@code thresholds[0].clearAt:
   * …}); the config adds where the profile is.
   */
  public DeviceProfile over(DeviceProfile base) {
    List<Threshold> ts = base.thresholds();
    if (thresholds != null) {
      ts = new ArrayList<>();
      for (int i = 0; i < thresholds.size(); i++) {
        ThresholdSettings t = thresholds.get(i);
        if (t == null) {
          throw new IllegalArgumentException("thresholds[" + i + "]: empty entry");
        }
        try {
          ts.add(t.toThreshold());
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new IllegalArgumentException("thresholds[" + i + "]." + e.getMessage(), e);
        }
      }
    }
    if (reportingInterval != null && (reportingInterval.isZero() || reportingInterval.isNegative())) {
      throw new IllegalArgumentException("reportingInterval: must be positive");
    }
    return new DeviceProfile(
        base.type(), base.priority(),
        reportingInterval == null ? base.reportingInterval() : reportingInterval,
        missedReportsAllowed == null ? base.missedReportsAllowed() : missedReportsAllowed,
        ts,
        debounce == null ? base.debounce() : debounce,
        parentSuppression == null ? base.parentSuppression() : parentSuppression);
  }
}
