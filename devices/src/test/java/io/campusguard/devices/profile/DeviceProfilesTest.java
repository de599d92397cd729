package io.campusguard.devices.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceProfilesTest {

  /** Verifies that every device type has a profile whose kind matches the type. */
  @Test
  void everyTypeHasAProfile() {
    for (DeviceType t : DeviceType.values()) {
      DeviceProfile p = DeviceProfiles.of(t);
      assertThat(p).as("%s", t).isNotNull();
      assertThat(p.type()).isEqualTo(t);
      assertThat(p.silenceLimit()).isGreaterThan(p.reportingInterval());
    }
  }

  /** Verifies the county's cold-store rule: above 8 °C for 10 minutes raises, below 7 °C for 2 minutes clears. */
  @Test
  void coldStoreThresholdHasHysteresis() {
    Threshold t = DeviceProfiles.of(DeviceType.COLD_STORE_SENSOR).thresholds().get(0);
    assertThat(t.raiseAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(t.breaches(8.1)).isTrue();
    assertThat(t.breaches(8.0)).isFalse();
    assertThat(t.recovered(7.5)).isFalse();
    assertThat(t.recovered(6.9)).isTrue();
  }

  /** Verifies that a threshold whose clear level lies beyond its raise level is refused. */
  @Test
  void refusesInvertedHysteresis() {
    assertThatThrownBy(
            () -> new Threshold("x_high", Threshold.Direction.ABOVE, 8, 9, Duration.ZERO, Duration.ZERO))
        .hasMessageStartingWith("clearAt");
    assertThatThrownBy(
            () -> new Threshold("x_high", Threshold.Direction.ABOVE, 8, 7, Duration.ofSeconds(-1), Duration.ZERO))
        .hasMessageContaining("negative");
  }

  /** Verifies lanes: a press and a gas alarm are P0, a reading P2, a self-test P1. */
  @Test
  void prioritiesFollowUrgency() {
    assertThat(PriorityPolicy.of(new PanicEvent(PanicEvent.Action.PRESSED))).isEqualTo(Priority.P0);
    assertThat(PriorityPolicy.of(new PanicEvent(PanicEvent.Action.SELF_TEST))).isEqualTo(Priority.P1);
    assertThat(PriorityPolicy.of(new LocalAlarm("gas_high", LocalAlarm.Transition.RAISED, 12.0, ""))).isEqualTo(Priority.P0);
    assertThat(PriorityPolicy.of(new LocalAlarm("cold_store_high", LocalAlarm.Transition.RAISED, 9.0, ""))).isEqualTo(Priority.P1);
    assertThat(PriorityPolicy.of(CanteenReading.of(CanteenReading.Quantity.HUMIDITY, 50))).isEqualTo(Priority.P2);
  }

  /** Verifies that a body names its device type where it can. */
  @Test
  void infersTypeFromBody() {
    assertThat(DeviceType.inferFrom(CanteenReading.of(CanteenReading.Quantity.FREEZER_TEMPERATURE, -20)))
        .contains(DeviceType.FREEZER_SENSOR);
    assertThat(DeviceType.inferFrom(new PanicEvent(PanicEvent.Action.CLEARED))).contains(DeviceType.PANIC_BUTTON);
  }
}
