package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.TestEvents;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which reports make a device degraded, healthy again, or say nothing: pure, no database. */
class DegradationTest {
  /** Verifies that every camera state but online degrades the camera, named by its alarm type, and online heals it. */
  @Test
  void cameraStates() {
    assertThat(said(new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.VIDEO_LOSS, "LP-001-NVR-01")))
        .contains(Degradation.because("video_loss"));
    assertThat(said(new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.OFFLINE, null))).contains(Degradation.because("camera_offline"));
    assertThat(said(new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.RECORDING_FAILURE, null)))
        .contains(Degradation.because("recording_failure"));
    assertThat(said(new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.TAMPER, null))).contains(Degradation.because("camera_tamper"));
    // control
    assertThat(said(new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.ONLINE, null))).contains(Degradation.HEALTHY);
  }

  /** Verifies that a raised liveness alarm degrades the silent device and its clear heals it; threshold alarms say nothing. */
  @Test
  void livenessAlarms() {
    assertThat(said(new LocalAlarm("device_offline", LocalAlarm.Transition.RAISED, null, "silent 120 s")))
        .contains(Degradation.because("device_offline"));
    assertThat(said(new LocalAlarm("parent_offline", LocalAlarm.Transition.RAISED, null, ""))).contains(Degradation.because("parent_offline"));
    assertThat(said(new LocalAlarm("device_offline", LocalAlarm.Transition.CLEARED, null, ""))).contains(Degradation.HEALTHY);
    // a warm cold store is not a broken sensor
    assertThat(said(new LocalAlarm("cold_store_high", LocalAlarm.Transition.RAISED, 9.5, ""))).isEmpty();
  }

  /** Verifies the classroom limits: a failing disk or overheating degrades, a sound report heals. */
  @Test
  void classroomHealth() {
    assertThat(said(classroom(Degradation.DISK_FAILING_PERCENT - 1, 40.0))).contains(Degradation.because("disk_failing"));
    assertThat(said(classroom(90, Degradation.HOT_CELSIUS + 1))).contains(Degradation.because("overheating"));
    // controls: at the limits, and without the optional fields
    assertThat(said(classroom(Degradation.DISK_FAILING_PERCENT, Degradation.HOT_CELSIUS))).contains(Degradation.HEALTHY);
    assertThat(said(classroom(null, null))).contains(Degradation.HEALTHY);
  }

  /** Verifies that a canteen reading heals, and that presses and heartbeats say nothing about the device's condition. */
  @Test
  void otherEvents() {
    assertThat(said(CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.0))).contains(Degradation.HEALTHY);
    assertThat(said(new PanicEvent(PanicEvent.Action.PRESSED))).isEmpty();
    assertThat(said(new DeviceHeartbeat(EventKind.CAMERA))).isEmpty();
  }

  /** Verifies that a degraded condition must say why, and a healthy one keeps no reason. */
  @Test
  void reasons() {
    assertThatThrownBy(() -> new Degradation(true, " ")).hasMessageContaining("reason");
    assertThat(new Degradation(false, "stale").reason()).isNull();
  }

  private static Optional<Degradation> said(EventBody body) {
    EventEnvelope e = TestEvents.event("LP-001", "LP-001-DEV-01", 1, body, Instant.parse("2026-11-28T08:00:00Z"));
    return Degradation.of(e);
  }

  private static ClassroomHealth classroom(Integer disk, Double temperature) {
    return new ClassroomHealth(ClassroomHealth.DeviceType.TEACHER_PC, 1000, null, null, disk, 0, 0, temperature, null);
  }
}
