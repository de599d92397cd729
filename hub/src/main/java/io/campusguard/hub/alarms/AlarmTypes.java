package io.campusguard.hub.alarms;

import java.util.Set;

/**
 * The alarm types the hub itself derives from events. Types raised by a gateway's local rules
 * ({@code cold_store_high}, {@code device_offline}, ...) arrive by name in a {@code LocalAlarm} and are kept as given.
 */
public final class AlarmTypes {
  public static final String PANIC = "panic";
  public static final String PANIC_TAMPER = "panic_tamper";
  public static final String CAMERA_OFFLINE = "camera_offline";
  public static final String VIDEO_LOSS = "video_loss";
  public static final String CAMERA_TAMPER = "camera_tamper";
  public static final String RECORDING_FAILURE = "recording_failure";
  public static final String LINK_LOST = "link_lost";

  /**
   * Alarms that say "a device went quiet". While a campus's link is lost they are suppressed: the campus's one
   * link-lost alarm says it all, and a flood of them would bury it.
   */
  public static final Set<String> DEVICE_LIVENESS = Set.of("device_offline", "parent_offline", CAMERA_OFFLINE);

  private AlarmTypes() {}
}
