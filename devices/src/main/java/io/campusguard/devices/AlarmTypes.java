package io.campusguard.devices;

import java.util.Set;

/**
 * Every alarm type's wire name, in one place for the gateway and the hub. The hub keys its alarm state, its
 * escalation policies and the console's words ({@code type.<name>}) on these names: never rename one.
 *
 * <p>Who raises them: the hub derives {@link #PANIC} to {@link #RECORDING_FAILURE} from device events and
 * {@link #LINK_LOST} from a gateway's silence; a gateway raises the rest as {@code LocalAlarm}s (its rules,
 * its connectors, its outbox). Threshold alarms carry the type their device profile names.
 */
public final class AlarmTypes {
  /** A panic button pressed. */
  public static final String PANIC = "panic";
  /** A panic button opened or torn off. */
  public static final String PANIC_TAMPER = "panic_tamper";
  public static final String CAMERA_OFFLINE = "camera_offline";
  public static final String VIDEO_LOSS = "video_loss";
  public static final String CAMERA_TAMPER = "camera_tamper";
  public static final String RECORDING_FAILURE = "recording_failure";
  /** A campus's gateway not heard within its reporting time (device id = campus id). */
  public static final String LINK_LOST = "link_lost";

  /** A device silent past its profile's {@code silenceLimit()}. */
  public static final String DEVICE_OFFLINE = "device_offline";
  /** A parent (an NVR, a switch) silent past its limit; its children are not reported one by one. */
  public static final String PARENT_OFFLINE = "parent_offline";
  /** A connector lost data: a queue overflowed, or the source was unreachable for a while (value: seconds). */
  public static final String DATA_LOST = "data_lost";
  /** A source sent values that cannot be used (bad status, wrong type, NaN, out of range); cleared when good. */
  public static final String BAD_VALUE = "bad_value";
  /** The gateway's outbox file could not be opened; kept aside, events continue in a fresh file. */
  public static final String OUTBOX_UNREADABLE = "outbox_unreadable";

  // The default device profiles' thresholds (DeviceProfiles); a county's profile may name others.
  public static final String COLD_STORE_HIGH = "cold_store_high";
  public static final String FREEZER_HIGH = "freezer_high";
  public static final String GAS_HIGH = "gas_high";
  public static final String HUMIDITY_HIGH = "humidity_high";
  public static final String COLD_STORE_DOOR_OPEN = "cold_store_door_open";
  public static final String DEVICE_OVERHEAT = "device_overheat";

  /** The gateway's liveness verdicts: a device (or the parent it depends on) not heard within its limit. */
  public static final Set<String> GATEWAY_LIVENESS = Set.of(DEVICE_OFFLINE, PARENT_OFFLINE);

  /**
   * Alarms that say "a device went quiet". While a campus's link is lost the hub suppresses them: the campus's
   * one link-lost alarm says it all, and a flood of them would bury it.
   */
  public static final Set<String> DEVICE_LIVENESS = Set.of(DEVICE_OFFLINE, PARENT_OFFLINE, CAMERA_OFFLINE);

  private AlarmTypes() {}
}
