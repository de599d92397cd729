package io.campusguard.simulators.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import io.campusguard.simulators.fleet.Emission;
import io.campusguard.simulators.gateways.InProcessGateway;
import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated county's OPC UA canteens end to end: a campus's canteen PLC (a Milo server in the simulator)
 * serves a reading, the campus's in-process gateway reads it through its OPC UA connector, and the hub commits
 * it, on the real Mosquitto and PostgreSQL.
 */
@Timeout(300)
class CanteenOverOpcUaTest {
  private static final Clock CLOCK = Clock.systemUTC();

  /** Verifies the scenario picks the boarding schools' canteens for OPC UA, the same on every run. */
  @Test
  void scenarioServesBoardingSchoolCanteensOverOpcUa() {
    County county = CountyScenario.generate(2025);
    List<String> opcua = county.campuses().stream().filter(CountyScenario::canteenOverOpcUa).map(Campus::id).toList();
    assertThat(opcua).containsExactly("LP-001", "LP-002", "LP-003", "LP-004", "LP-024", "LP-025", "LP-026", "LP-027");
    Campus first = county.byId().get("LP-001");
    assertThat(first.devices().stream().filter(d -> CountyScenario.servedOverOpcUa(first, d)).map(SimDevice::type).distinct())
        .containsExactlyInAnyOrder(DeviceType.COLD_STORE_SENSOR, DeviceType.FREEZER_SENSOR, DeviceType.GAS_SENSOR, DeviceType.HUMIDITY_SENSOR);
    Campus vocational = county.byId().get("LP-005");
    assertThat(vocational.devices().stream().anyMatch(d -> CountyScenario.servedOverOpcUa(vocational, d))).isFalse();
  }

  /** Verifies a reading set on a campus's canteen PLC reaches the hub's event log with its value and the device's own time. */
  @Test
  void plcReadingReachesTheHub(@TempDir Path dir) throws Exception {
    String db = "opcua_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    String dbUrl = base.substring(0, base.lastIndexOf('/') + 1) + db;
    HubConfig hubConfig = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + FreePorts.pick() + " }",
        "database: { url: \"" + dbUrl + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    County county = CountyScenario.generate(2025).only(List.of("LP-001"));
    Campus campus = county.campuses().get(0);
    Hub hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    Vertx vertx = Vertx.vertx();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    InProcessGateway gateway = null;
    try (OpcUaCanteens canteens = OpcUaCanteens.start(county, CLOCK.instant())) {
      hub.registerCampuses(List.of(new Hub.CampusInfo(campus.id(), campus.name(), campus.town()))).await(30, TimeUnit.SECONDS);
      BrokerLink broker = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
      gateway = InProcessGateway.start(campus, broker, broker, canteens.endpointFor(campus.id()).orElseThrow(), dir.resolve("gw"), vertx, scheduler, CLOCK);
      InProcessGateway g = gateway;
      await().atMost(Duration.ofSeconds(60)).until(() -> g.gateway().health().connectors().get("opcua-canteen-plc") == ConnectorState.UP);

      SimDevice coldStore = campus.devices().stream().filter(d -> d.type() == DeviceType.COLD_STORE_SENSOR).findFirst().orElseThrow();
      SimDevice door = campus.devices().stream().filter(d -> d.type() == DeviceType.DOOR_CONTACT).findFirst().orElseThrow();
      Instant ts = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
      Emission reading = new Emission(campus.id(), coldStore.id(), ts, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.27));
      // Control: door contacts are wireless sensors on MQTT, not the PLC's.
      assertThat(canteens.serves(new Emission(campus.id(), door.id(), ts, CanteenReading.of(CanteenReading.Quantity.DOOR_OPEN, 1)))).isFalse();
      assertThat(canteens.serves(reading)).isTrue();

      assertThat(canteens.serve(reading)).isEqualTo(OpcUaCanteens.Served.CHANGED);

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committedValue(dbUrl, coldStore.id(), ts)).isEqualTo(4.27));
      // The same value again is no data change for OPC UA subscribers, and the simulator says so.
      assertThat(canteens.serve(new Emission(campus.id(), coldStore.id(), ts.plusSeconds(1), reading.body()))).isEqualTo(OpcUaCanteens.Served.UNCHANGED);
    } finally {
      if (gateway != null) {
        gateway.close();
      }
      scheduler.shutdownNow();
      vertx.close().await(10, TimeUnit.SECONDS);
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static Double committedValue(String dbUrl, String device, Instant ts) throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl, TestServices.pgUser(), TestServices.pgPassword());
        PreparedStatement st = c.prepareStatement(
            "SELECT (body->>'value')::float8 FROM events WHERE device_id = ? AND kind = 'canteen' AND source_ts = ?")) {
      st.setString(1, device);
      st.setObject(2, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : null;
      }
    }
  }
}
