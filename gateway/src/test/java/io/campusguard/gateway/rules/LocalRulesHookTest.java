package io.campusguard.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.ingest.RulesHook.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRulesHookTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));

  @Test
  void decisionsCarryTheForwardFlagAndTheAlarmsAndTicksGiveTheTimedOnes() {
    LocalRulesConfig config = LocalRulesConfig.defaults("LP-017")
        .withDevices(List.of(SupervisedDevice.of("LP-017-PB-01", DeviceType.PANIC_BUTTON, null)));
    LocalRulesHook hook = new LocalRulesHook(new LocalRules(config, clock), clock);

    Decision heartbeat = hook.apply(Messages.heartbeat("LP-017-PB-01", EventKind.PANIC, clock.instant()), clock.instant());
    assertThat(heartbeat.forward()).isFalse();
    assertThat(heartbeat.extra()).isEmpty();

    Decision gas = hook.apply(
        Messages.reading("LP-017-GAS-01", Quantity.GAS_CONCENTRATION, 40, clock.instant()), clock.instant());
    assertThat(gas.forward()).isTrue();
    assertThat(gas.extra()).hasSize(1);
    assertThat(((LocalAlarm) gas.extra().get(0).body()).type()).isEqualTo("gas_high");

    assertThat(hook.untilNextDeadline()).contains(Duration.ofSeconds(90));
    clock.advance(Duration.ofSeconds(100));
    assertThat(hook.untilNextDeadline()).contains(Duration.ZERO);
    assertThat(hook.onTick()).extracting(m -> ((LocalAlarm) m.body()).type()).contains("device_offline");
  }
}
