package io.campusguard.devices.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * A duration threshold with hysteresis: raise when the value has been beyond {@code raiseAt} for
 * {@code raiseAfter}; clear when it has been back beyond {@code clearAt} for {@code clearAfter}. For an
 * {@link Direction#ABOVE} threshold {@code clearAt} must not exceed {@code raiseAt} (the band between them
 * keeps a hovering value from flapping), for {@link Direction#BELOW} the reverse.
 *
 * @param alarmType the alarm type raised, an {@link io.campusguard.devices.Ids id} such as {@code cold_store_high}
 */
public record Threshold(
    String alarmType, Direction direction, double raiseAt, double clearAt, Duration raiseAfter, Duration clearAfter) {

  public Threshold {
    io.campusguard.devices.Ids.require("alarmType", alarmType);
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(raiseAfter, "raiseAfter");
    Objects.requireNonNull(clearAfter, "clearAfter");
    if (!Double.isFinite(raiseAt) || !Double.isFinite(clearAt)) {
      throw new IllegalArgumentException("raiseAt/clearAt: not finite");
    }
    if (raiseAfter.isNegative() || clearAfter.isNegative()) {
      throw new IllegalArgumentException("raiseAfter/clearAfter: negative duration");
    }
    if (direction == Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt) {
      throw new IllegalArgumentException("clearAt: must lie on the safe side of raiseAt (" + direction + ")");
    }
  }

  public enum Direction {
    ABOVE,
    BELOW
  }

  /** Is {@code value} beyond the raise level? */
  public boolean breaches(double value) {
    return direction == Direction.ABOVE ? value > raiseAt : value < raiseAt;
  }

  /** Is {@code value} back on the safe side of the clear level? */
  public boolean recovered(double value) {
    return direction == Direction.ABOVE ? value < clearAt : value > clearAt;
  }
}
