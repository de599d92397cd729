package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Ids;
import java.util.Objects;

/**
 * An alarm the gateway's local rules raised or cleared about one of its devices: a threshold held past its
 * duration ({@code cold_store_high}), a device or parent gone silent ({@code device_offline},
 * {@code parent_offline}), data lost by a connector ({@code data_lost}). {@code value} is the reading that
 * decided it, when there is one.
 */
public record LocalAlarm(String type, Transition transition, Double value, String detail) implements EventBody {
  public static final int MAX_DETAIL_LENGTH = 500;

  public LocalAlarm {
    Ids.require("type", type);
    Objects.requireNonNull(transition, "transition");
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException("value: not finite");
    }
    detail = detail == null ? "" : detail;
    if (detail.length() > MAX_DETAIL_LENGTH) {
      throw new IllegalArgumentException("detail: longer than " + MAX_DETAIL_LENGTH);
    }
  }

  public enum Transition {
    RAISED,
    CLEARED
  }

  @Override
  public EventKind kind() {
    return EventKind.ALARM;
  }
}
