package io.campusguard.devices.profile;

import io.campusguard.devices.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to expect of one device type: the lane its events travel in, how often it reports (a device silent
 * for {@link #silenceLimit()} is offline), its thresholds, how long a flapping state input must settle, and whether
 * a silent parent speaks for it. The county's defaults are {@link DeviceProfiles}; a gateway's config may override
 * them per type and per device.
 *
 * @param debounce how long a state input (a door contact, a camera's state) must stay unchanged before its change is
 *     passed on; null: the gateway's campus-wide window
 * @param parentSuppression whether, while its parent (an NVR, a switch) is silent, the parent's one alarm speaks for
 *     this device (true, the default) or it raises its own
 */
public record DeviceProfile(
    DeviceType type, Priority priority, Duration reportingInterval, int missedReportsAllowed, List<Threshold> thresholds,
    Duration debounce, boolean parentSuppression) {

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
    if (debounce != null && debounce.isNegative()) {
      throw new IllegalArgumentException("debounce: negative");
    }
  }

  /** A profile with the campus-wide debounce and parent suppression on. */
  public DeviceProfile(DeviceType type, Priority priority, Duration reportingInterval, int missedReportsAllowed, List<Threshold> thresholds) {
    this(type, priority, reportingInterval, missedReportsAllowed, thresholds, null, true);
  }

  /** How long a device may stay silent before it counts as offline. */
  public Duration silenceLimit() {
    return reportingInterval.multipliedBy(missedReportsAllowed + 1L);
  }
}
