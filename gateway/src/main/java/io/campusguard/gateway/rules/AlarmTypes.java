package io.campusguard.gateway.rules;

/**
 * The {@link io.campusguard.devices.body.LocalAlarm} types the gateway raises by itself (threshold alarm types
 * come from the device profiles instead). The hub keys its alarm state on these names: never rename one.
 */
public final class AlarmTypes {
  /** A device silent past its profile's {@code silenceLimit()}. */
  public static final String DEVICE_OFFLINE = "device_offline";
  /** A parent (an NVR, a switch) silent past its limit; its children are not reported one by one. */
  public static final String PARENT_OFFLINE = "parent_offline";
  /** A connector lost data: a queue overflowed, or the source was unreachable for a while (value: seconds). */
  public static final String DATA_LOST = "data_lost";

  /** A source sent values that cannot be used (bad status, wrong type, NaN, out of range); cleared when good. */
  public static final String BAD_VALUE = "bad_value";

  private AlarmTypes() {}
}
