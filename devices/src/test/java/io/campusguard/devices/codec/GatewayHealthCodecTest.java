package io.campusguard.devices.codec;

import static io.campusguard.devices.codec.Fixtures.CAMPUS;
import static io.campusguard.devices.codec.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.devices.profile.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heartbeat's newer parts: why a connector is down, the device input refused, the profiles in force. */
class GatewayHealthCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventCodec codec = new EventCodec(Clock.fixed(NOW, ZoneOffset.UTC));

  /** Verifies that reasons, refused input and profile overrides survive the wire unchanged. */
  @Test
  void reasonsRefusalsAndProfilesRoundTrip() {
    DeviceProfile cold = new DeviceProfile(DeviceType.COLD_STORE_SENSOR, Priority.P2, Duration.ofSeconds(60), 3,
        List.of(new Threshold(AlarmTypes.COLD_STORE_HIGH, Threshold.Direction.ABOVE, 6, 5, Duration.ofMinutes(5), Duration.ofMinutes(2))),
        Duration.ofSeconds(3), false);
    GatewayHealth health = new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(Priority.P0, new GatewayHealth.LaneStats(0, 0, 0)), 0,
        Map.of("campus", ConnectorState.UP, "opcua-plc", ConnectorState.DOWN), Map.of("opcua-plc", "connection refused"),
        new GatewayHealth.DeviceInput(7, 2, List.of(new GatewayHealth.Refusal(NOW, "campus/LP-017/canteen/LP-017-CS-01", "body.value",
            "out_of_range", "999.0 is outside -40.0..60.0"))),
        new ProfileOverrides(Map.of(DeviceType.COLD_STORE_SENSOR, cold), Map.of("LP-017-GS-01", DeviceProfiles.of(DeviceType.GAS_SENSOR))));
    GatewayStatus status = new GatewayStatus(CAMPUS, "LP-017-GW", NOW, health);

    assertThat(codec.decodeStatus(codec.encodeStatus(status)).orElseThrow()).isEqualTo(status);
  }

  /** Verifies that a heartbeat of an older gateway, without the newer parts, reads as nothing refused and county defaults. */
  @Test
  void anOlderHeartbeatReadsAsNothingRefused() throws Exception {
    GatewayStatus old = new GatewayStatus(CAMPUS, "LP-017-GW", NOW,
        new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(), 0, Map.of("campus", ConnectorState.UP)));
    byte[] wire = codec.encodeStatus(old);
    JsonNode health = JSON.readTree(wire).get("health");
    assertThat(health.has("deviceInput") || health.has("profiles") || health.has("connectorReasons")).as("nothing new on the wire").isFalse();

    GatewayHealth h = codec.decodeStatus(wire).orElseThrow().health();

    assertThat(h.deviceInput()).isEqualTo(GatewayHealth.DeviceInput.NONE);
    assertThat(h.connectorReasons()).isEmpty();
    assertThat(h.profiles()).isEqualTo(ProfileOverrides.NONE);
  }

  /** Verifies that a reason for a connector the heartbeat does not list is refused, naming the field. */
  @Test
  void aReasonForAnUnlistedConnectorIsRefused() throws Exception {
    GatewayStatus status = new GatewayStatus(CAMPUS, "LP-017-GW", NOW,
        new GatewayHealth(GatewayHealth.State.HEARTBEAT, "b1", Map.of(), 0, Map.of("campus", ConnectorState.UP)));
    ObjectNode json = (ObjectNode) JSON.readTree(codec.encodeStatus(status));
    ((ObjectNode) json.get("health")).putObject("connectorReasons").put("ghost", "x");

    assertThat(codec.decodeStatus(JSON.writeValueAsBytes(json)).rejection().field()).isEqualTo("health.connectorReasons.ghost");
  }
}
