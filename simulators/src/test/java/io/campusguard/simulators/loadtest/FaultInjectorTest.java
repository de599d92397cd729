package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static final County THREE = CountyScenario.generate(2025).only(List.of("LP-001", "LP-002", "LP-005"));

  /** Verifies a fault aimed at a campus outside the run, or a PLC restart where the canteen is on MQTT, is refused before the run starts, naming why. */
  @Test
  void refusesFaultsTheRunCannotTake() {
    assertThatCode(() -> FaultInjector.validateTargets(
        List.of(FaultSpec.parse("opcua-restart:LP-001@10s+5s"), FaultSpec.parse("link-blackhole:LP-005@10s+5s"), FaultSpec.parse("county-broker-restart@5s+2s")), THREE))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> FaultInjector.validateTargets(List.of(FaultSpec.parse("opcua-restart:LP-005@10s")), THREE))
        .hasMessageContaining("LP-005 has no OPC UA canteen").hasMessageContaining("[LP-001, LP-002]");
    assertThatThrownBy(() -> FaultInjector.validateTargets(List.of(FaultSpec.parse("link-blackhole:LP-099@10s+5s")), THREE))
        .hasMessageContaining("LP-099 is not among the 3 campuses");
  }
}
