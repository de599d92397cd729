package io.campusguard.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.profile.DeviceProfile;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.ProfileOverrides;
import io.campusguard.devices.profile.Threshold;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a gateway's heartbeat tells the county beyond its link: a device that sends garbage to its gateway is seen (what
 * the gateway refused, and why a connector is down), and so are the device profiles it runs. The hub's campus API,
 * which the campus page and each device's page draw, shows both.
 */
@Timeout(120)
class GatewayDeviceInputTest {
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "w" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that the refusals and connector reasons of a gateway's heartbeat reach the campus API. */
  @Test
  void refusedDeviceInputAndConnectorReasonsShowOnTheCampus() throws Exception {
    String campus = "LP-591";
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    GatewayHealth.Refusal garbage = new GatewayHealth.Refusal(
        at, "campus/" + campus + "/canteen/" + campus + "-CS-01", "body.value", "out_of_range", "999.0 is outside -40.0..60.0");
    GatewayHealth health = new GatewayHealth(GatewayHealth.State.HEARTBEAT, EventIds.next(), Map.of(), 0,
        Map.of("campus", ConnectorState.UP, "opcua-canteen-plc", ConnectorState.DOWN),
        Map.of("opcua-canteen-plc", "connection refused"),
        new GatewayHealth.DeviceInput(3, 2, List.of(garbage)));
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      // before: a heartbeat that refused nothing shows nothing refused
      gw.status(GatewayHealth.State.HEARTBEAT);
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway(campus) != null);
      assertThat(gateway(campus).getJsonObject("deviceInput").getLong("refused")).isZero();

      gw.status(health);
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway(campus).getJsonObject("deviceInput").getLong("refused") == 3);
    }
    JsonObject gateway = gateway(campus);
    JsonObject input = gateway.getJsonObject("deviceInput");
    assertThat(input.getLong("brokerRefusals")).isEqualTo(2);
    assertThat(input.getJsonArray("recent")).hasSize(1);
    JsonObject first = input.getJsonArray("recent").getJsonObject(0);
    assertThat(first.getString("source")).isEqualTo("campus/" + campus + "/canteen/" + campus + "-CS-01");
    assertThat(first.getString("field")).isEqualTo("body.value");
    assertThat(first.getString("reason")).isEqualTo("out_of_range");
    assertThat(Instant.parse(first.getString("at"))).isEqualTo(at);
    assertThat(gateway.getJsonObject("connectors").getString("opcua-canteen-plc")).isEqualTo("down");
    assertThat(gateway.getJsonObject("connectorReasons").getString("opcua-canteen-plc")).isEqualTo("connection refused");
  }

  /** Verifies that the profiles a gateway reports give every device type's profile in force and each device's own, with who set it. */
  @Test
  void profilesInForceShowOnTheCampus() throws Exception {
    String campus = "LP-592";
    DeviceProfile cold = new DeviceProfile(DeviceType.COLD_STORE_SENSOR, Priority.P2, Duration.ofSeconds(60), 3,
        List.of(new Threshold(AlarmTypes.COLD_STORE_HIGH, Threshold.Direction.ABOVE, 6, 5, Duration.ofMinutes(5), Duration.ofMinutes(2))));
    DeviceProfile gas = new DeviceProfile(DeviceType.GAS_SENSOR, Priority.P2, Duration.ofSeconds(10), 2, List.of(), Duration.ZERO, false);
    GatewayHealth health = new GatewayHealth(GatewayHealth.State.HEARTBEAT, EventIds.next(), Map.of(), 0, Map.of("campus", ConnectorState.UP),
        Map.of(), GatewayHealth.DeviceInput.NONE,
        new ProfileOverrides(Map.of(DeviceType.COLD_STORE_SENSOR, cold), Map.of(campus + "-GS-01", gas)));
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.status(health);
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway(campus) != null);
    }
    JsonObject profiles = gateway(campus).getJsonObject("profiles");
    JsonObject coldStores = profiles.getJsonObject("types").getJsonObject("cold_store_sensor");
    assertThat(coldStores.getString("source")).isEqualTo("campus");
    assertThat(coldStores.getJsonArray("thresholds").getJsonObject(0).getDouble("raiseAt")).isEqualTo(6.0);
    // a type the campus left alone runs the county's default
    JsonObject freezers = profiles.getJsonObject("types").getJsonObject("freezer_sensor");
    assertThat(freezers.getString("source")).isEqualTo("county");
    assertThat(freezers.getJsonArray("thresholds").getJsonObject(0).getDouble("raiseAt")).isEqualTo(-15.0);
    JsonObject own = profiles.getJsonObject("devices").getJsonObject(campus + "-GS-01");
    assertThat(own.getString("source")).isEqualTo("device");
    assertThat(own.getLong("reportingIntervalMs")).isEqualTo(10_000);
    assertThat(own.getLong("debounceMs")).isZero();
    assertThat(own.getBoolean("parentSuppression")).isFalse();
  }

  private static JsonObject gateway(String campus) throws Exception {
    var response = new HubHttp(hub).get("/api/campuses/" + campus);
    if (response.statusCode() != 200) {
      return null;
    }
    return new JsonObject(response.body()).getJsonObject("gateway");
  }
}
