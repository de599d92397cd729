package io.campusguard.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.body.CanteenReading.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpcUaEndpointConfigTest {
  private static final List<OpcUaNodeMapping> NODES =
      List.of(new OpcUaNodeMapping("ns=2;s=ColdStore.Temperature", "LP-017-CS-01", Quantity.COLD_STORE_TEMPERATURE));

  @Test
  void securityNoneIsRefusedUnlessTheEndpointAllowsItNamingTheField() {
    assertThatThrownBy(
            () -> OpcUaEndpointConfig.of("canteen", "opc.tcp://127.0.0.1:4840/x", OpcUaSecurity.NONE, false, NODES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("allowInsecure:")
        .hasMessageContaining("canteen");
    // control: the same endpoint with explicit consent, and a secure one without it, are accepted
    assertThat(OpcUaEndpointConfig.of("canteen", "opc.tcp://127.0.0.1:4840/x", OpcUaSecurity.NONE, true, NODES)
        .allowInsecure()).isTrue();
    assertThat(OpcUaEndpointConfig.of("canteen", "opc.tcp://127.0.0.1:4840/x", OpcUaSecurity.BASIC256SHA256, false,
        NODES).security()).isEqualTo(OpcUaSecurity.BASIC256SHA256);
  }

  @Test
  void badUrlNodeIdAndDeviceIdAreRefusedNamingTheirFields() {
    assertThatThrownBy(() -> OpcUaEndpointConfig.of("canteen", "http://x:1/", OpcUaSecurity.NONE, true, NODES))
        .hasMessageStartingWith("endpointUrl:");
    assertThatThrownBy(() -> new OpcUaNodeMapping("not a node id", "LP-017-CS-01", Quantity.GAS_CONCENTRATION))
        .hasMessageStartingWith("nodeId:");
    assertThatThrownBy(() -> new OpcUaNodeMapping("ns=2;i=5", "bad/id", Quantity.GAS_CONCENTRATION))
        .hasMessageStartingWith("deviceId:");
    assertThatThrownBy(() -> OpcUaEndpointConfig.of("canteen", "opc.tcp://h:1/", OpcUaSecurity.NONE, true, List.of()))
        .hasMessageStartingWith("nodes:");
  }
}
