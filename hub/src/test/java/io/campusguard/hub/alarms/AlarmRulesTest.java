package io.campusguard.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events open or clear which alarms. */
class AlarmRulesTest {
  private final Instant now = Instant.now();
  private final AlarmRules rules = new AlarmRules(Duration.ofSeconds(30), campus -> false);

  /** Verifies that a pressed button opens a P0 panic alarm and a self-test opens nothing. */
  @Test
  void panicPressedRaisesP0() {
    var pressed = rules.signalsFor(TestEvents.event("LP-017", "PB-1", 1, new PanicEvent(PanicEvent.Action.PRESSED), now), now);
    assertThat(pressed).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(AlarmTypes.PANIC);
      assertThat(s.severity()).isEqualTo(Priority.P0);
      assertThat(s.edge()).isEqualTo(AlarmSignal.Edge.RAISE);
    });
    assertThat(rules.signalsFor(TestEvents.event("LP-017", "PB-1", 2, new PanicEvent(PanicEvent.Action.SELF_TEST), now), now)).isEmpty();
    assertThat(rules.signalsFor(TestEvents.event("LP-017", "PB-1", 3, new PanicEvent(PanicEvent.Action.TAMPER), now), now))
        .extracting(AlarmSignal::type).containsExactly(AlarmTypes.PANIC_TAMPER);
  }

  /** Verifies camera states and local alarms, and that an old event is marked late. */
  @Test
  void cameraAndLocalAlarms() {
    var loss = rules.signalsFor(TestEvents.event("LP-017", "CAM-1", 1, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.VIDEO_LOSS, "NVR-1"), now), now);
    assertThat(loss).extracting(AlarmSignal::type).containsExactly(AlarmTypes.VIDEO_LOSS);
    var online = rules.signalsFor(TestEvents.event("LP-017", "CAM-1", 2, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.ONLINE, null), now), now);
    assertThat(online).allMatch(s -> s.edge() == AlarmSignal.Edge.CLEAR).extracting(AlarmSignal::type).contains(AlarmTypes.VIDEO_LOSS);

    var gas = rules.signalsFor(TestEvents.event("LP-017", "GAS-1", 3, new LocalAlarm("gas_high", LocalAlarm.Transition.RAISED, 12.0, null), now.minusSeconds(120)), now);
    assertThat(gas).singleElement().satisfies(s -> {
      assertThat(s.severity()).isEqualTo(Priority.P0);
      assertThat(s.lateness().late()).isTrue();
      assertThat(s.lateness().delayMs()).isGreaterThanOrEqualTo(120_000);
    });
    var cold = rules.signalsFor(TestEvents.event("LP-017", "CS-1", 4, new LocalAlarm("cold_store_high", LocalAlarm.Transition.CLEARED, 5.0, null), now), now);
    assertThat(cold).singleElement().satisfies(s -> {
      assertThat(s.edge()).isEqualTo(AlarmSignal.Edge.CLEAR);
      assertThat(s.severity()).isEqualTo(Priority.P1);
    });
  }

  /** Verifies that device-liveness alarms are suppressed while the campus link is lost, others are not. */
  @Test
  void livenessSuppressedWhileLinkLost() {
    AlarmRules lost = new AlarmRules(Duration.ofSeconds(30), Set.of("LP-017")::contains);
    var offline = TestEvents.event("LP-017", "PB-1", 1, new LocalAlarm("device_offline", LocalAlarm.Transition.RAISED, null, null), now);
    assertThat(lost.signalsFor(offline, now)).isEmpty();
    assertThat(rules.signalsFor(offline, now)).hasSize(1);
    var panic = TestEvents.event("LP-017", "PB-1", 2, new PanicEvent(PanicEvent.Action.PRESSED), now);
    assertThat(lost.signalsFor(panic, now)).hasSize(1);
  }
}
