package io.campusguard.devices.profile;

import io.campusguard.devices.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to expect of one device type: the lane its events travel in, how often it reports (a device silent
 * for {@link #silenceLimit()} is offline), and its default thresholds, which a campus's config may override.
 */
public record DeviceProfile(
    DeviceType type, Priority priority, Duration reportingInterval, int missedReportsAllowed, List<Threshold> thresholds) {

  public DeviceProfile {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(reportingInterval, "reportingInterval");
    if (reportingInterval.isZero() || reportingInterval.isNegative()) {
      throw new IllegalArgumentException("reportingInterval: must be positive");
    }
    if (missedReportsAllowed < 1) {
      throw new IllegalArgumentException("missedReportsAllowed: must be at least 1");
    }
    thresholds = List.copyOf(thresholds);
  }

  /** How long a device may stay silent before it counts as offline. */
  public Duration silenceLimit() {
    return reportingInterval.multipliedBy(missedReportsAllowed + 1L);
  }
}
