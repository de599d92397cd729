package io.campusguard.hub.alarms;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.LocalAlarm;
import java.util.Optional;

/**
 * What one event says about whether its device works as it should. A device is <b>degraded</b> when the latest
 * event (by source time) that says anything about its condition says it is not working:
 *
 * <ul>
 *   <li>a camera or NVR reporting {@code offline}, {@code video_loss}, {@code tamper} or {@code recording_failure}
 *       (reason: the camera alarm type); {@code online} makes it healthy again;
 *   <li>a liveness alarm from the gateway's rules ({@code device_offline}, {@code parent_offline}) raised for it;
 *       cleared makes it healthy. This is how a silent canteen sensor shows: a reading outside its quantity's
 *       plausible range is a device fault that the codec refuses at the gateway, so it never arrives here;
 *   <li>a classroom PC or teaching platform whose disk has under {@value #DISK_FAILING_PERCENT} % life left
 *       ({@code disk_failing}) or that runs above {@value #HOT_CELSIUS} °C ({@code overheating}); a report
 *       without either makes it healthy;
 *   <li>a canteen reading (a plausible value, so the sensor works) makes it healthy.
 * </ul>
 *
 * Other events (panic presses, heartbeats, threshold alarms such as {@code cold_store_high}, where the sensor works
 * and the cold store is warm) say nothing, and the device keeps its condition. Unlike an alarm, which an operator
 * may resolve, a degraded device stays degraded until the device itself says otherwise: the campus is yellow
 * while it lasts.
 */
public record Degradation(boolean degraded, String reason) {
  public static final int DISK_FAILING_PERCENT = 20;
  public static final double HOT_CELSIUS = 65;
  public static final Degradation HEALTHY = new Degradation(false, null);

  public Degradation {
    if (degraded && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("reason: required for a degraded device");
    }
    reason = degraded ? reason : null;
  }

  public static Degradation because(String reason) {
    return new Degradation(true, reason);
  }

  /** The condition {@code e} reports for its device, or empty when it says nothing about it. */
  public static Optional<Degradation> of(EventEnvelope e) {
    if (e.body() instanceof CameraStatus c) {
      return Optional.of(switch (c.state()) {
        case ONLINE -> HEALTHY;
        case OFFLINE -> because(AlarmTypes.CAMERA_OFFLINE);
        case VIDEO_LOSS -> because(AlarmTypes.VIDEO_LOSS);
        case TAMPER -> because(AlarmTypes.CAMERA_TAMPER);
        case RECORDING_FAILURE -> because(AlarmTypes.RECORDING_FAILURE);
      });
    }
    if (e.body() instanceof LocalAlarm a && AlarmTypes.GATEWAY_LIVENESS.contains(a.type())) {
      return Optional.of(a.transition() == LocalAlarm.Transition.RAISED ? because(a.type()) : HEALTHY);
    }
    if (e.body() instanceof ClassroomHealth h) {
      if (h.diskHealthPercent() != null && h.diskHealthPercent() < DISK_FAILING_PERCENT) {
        return Optional.of(because("disk_failing"));
      }
      if (h.temperatureC() != null && h.temperatureC() > HOT_CELSIUS) {
        return Optional.of(because("overheating"));
      }
      return Optional.of(HEALTHY);
    }
    if (e.body() instanceof CanteenReading) {
      return Optional.of(HEALTHY);
    }
    return Optional.empty();
  }
}
