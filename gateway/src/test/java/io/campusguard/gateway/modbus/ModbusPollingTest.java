package io.campusguard.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway polling a real Modbus TCP server it did not write: pymodbus's, playing a cold store, a freezer, a gas
 * detector, a unit that answers with an exception and one that never answers ({@code canteen_modbus_server.py}).
 */
@Timeout(90)
class ModbusPollingTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private PymodbusServer server;
  /**
   * The never-answering unit gets a server (a connection) of its own: pymodbus 3.0 drops the rest of a TCP read
   * after a request for a unit it ignores, so requests of other units that arrived in the same segment would go
   * unanswered too, and "the others are unaffected" could not be asserted of pymodbus itself.
   */
  private PymodbusServer silentUnitServer;
  private CampusGateway gateway;
  private String campus;

  @BeforeEach
  void startServer() throws Exception {
    server = new PymodbusServer(dir);
    silentUnitServer = new PymodbusServer(Files.createDirectories(dir.resolve("silent")));
    campus = "T-" + Long.toHexString(System.nanoTime());
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (server != null) {
      server.close();
    }
    if (silentUnitServer != null) {
      silentUnitServer.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies that every mapped register reaches the outbox as a canteen reading with its value (float32 in both
   * word orders, int32 words low first, a scaled uint16, a discrete input), and that a unit answering with an
   * exception and a unit that never answers are counted and shown down, each for what it did, the others unaffected.
   */
  @Test
  void readingsArriveAndFailingUnitsAreCountedApart() throws Exception {
    gateway = CampusGateway.start(config(""), Clock.systemUTC(), loop, scheduler);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Map<Quantity, Double>> latest = readings();
      assertThat(latest.getOrDefault(campus + "-CS-01", Map.of())).containsEntry(Quantity.COLD_STORE_TEMPERATURE, 3.5)
          .containsEntry(Quantity.DOOR_OPEN, 1.0);
      assertThat(latest.getOrDefault(campus + "-FZ-01", Map.of())).containsEntry(Quantity.FREEZER_TEMPERATURE, -18.25)
          .hasEntrySatisfying(Quantity.HUMIDITY, v -> assertThat(v).isCloseTo(65.5, Offset.offset(1e-9)));
      assertThat(latest.getOrDefault(campus + "-GS-01", Map.of()))
          .hasEntrySatisfying(Quantity.GAS_CONCENTRATION, v -> assertThat(v).isCloseTo(12.5, Offset.offset(1e-9)));
      assertThat(stats(campus + "-XX-04").exceptions()).isGreaterThanOrEqualTo(2);
      assertThat(stats(campus + "-XX-05").timeouts()).isGreaterThanOrEqualTo(2);
    });

    assertThat(readings()).doesNotContainKeys(campus + "-XX-04", campus + "-XX-05");
    Map<String, io.campusguard.gateway.connector.ConnectorStatus> status = gateway.connectorStatus();
    assertThat(status.get("modbus-" + campus + "-XX-04").state()).isEqualTo(ConnectorState.DOWN);
    assertThat(status.get("modbus-" + campus + "-XX-04").reason()).contains("0x02 ILLEGAL_DATA_ADDRESS", "holding 100");
    assertThat(status.get("modbus-" + campus + "-XX-05").state()).isEqualTo(ConnectorState.DOWN);
    assertThat(status.get("modbus-" + campus + "-XX-05").reason()).contains("no answer within 1000 ms");
    assertThat(stats(campus + "-XX-04").timeouts()).isZero();
    assertThat(stats(campus + "-XX-05").exceptions()).isZero();
    for (String good : List.of("CS-01", "FZ-01", "GS-01")) {
      assertThat(status.get("modbus-" + campus + "-" + good).state()).as(good).isEqualTo(ConnectorState.UP);
      DevicePollStats s = stats(campus + "-" + good);
      assertThat(s.timeouts() + s.exceptions() + s.failures() + s.badValues()).as(good).isZero();
    }
    assertThat(gateway.health().connectors()).containsEntry("modbus-" + campus + "-CS-01", ConnectorState.UP);
  }

  /**
   * Verifies the local rules judge polled readings as any other: a cold store that warms past its profile's limit
   * raises cold_store_high, and the unit that stopped answering is found silent by the liveness rules.
   */
  @Test
  void aWarmingColdStoreRaisesItsAlarmAndASilentUnitGoesOffline() throws Exception {
    gateway = CampusGateway.start(config(String.join("\n",
        "profiles:",
        "  cold_store_sensor: { thresholds: [ { alarmType: cold_store_high, direction: above, raiseAt: 6, clearAt: 5, raiseAfter: 0s } ] }",
        "devices:",
        "  - { id: " + campus + "-CS-01, type: cold_store_sensor }",
        "  - { id: " + campus + "-XX-05, type: gas_sensor, profile: { reportingInterval: 1s, missedReportsAllowed: 1 } }",
        "")), Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(30)).until(() -> readings().getOrDefault(campus + "-CS-01", Map.of())
        .get(Quantity.COLD_STORE_TEMPERATURE) != null);
    assertThat(alarms(AlarmTypes.COLD_STORE_HIGH)).isEmpty();

    server.set(1, "hr", 0, "float32", "big", 9.5);

    await().atMost(Duration.ofSeconds(30)).until(() -> !alarms(AlarmTypes.COLD_STORE_HIGH).isEmpty());
    assertThat(alarms(AlarmTypes.COLD_STORE_HIGH)).first().satisfies(e -> {
      assertThat(e.device()).isEqualTo(campus + "-CS-01");
      assertThat(((LocalAlarm) e.body()).transition()).isEqualTo(LocalAlarm.Transition.RAISED);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> alarms(AlarmTypes.DEVICE_OFFLINE).stream()
        .anyMatch(e -> e.device().equals(campus + "-XX-05")));
  }

  /**
   * Verifies that a device whose server is not there yet is shown as not connected (a failure, not a timeout of the
   * device), and is read once the server comes up, without a restart of the gateway.
   */
  @Test
  void aServerThatComesUpLaterIsPolledOnceItIsThere() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    gateway = CampusGateway.start(parse(String.join("\n",
        "connectors:",
        "  modbus:",
        "    requestTimeout: 1s",
        "    connectTimeout: 1s",
        "    models: { cold-store: [ { quantity: cold_store_temperature, function: holding, address: 0, type: float32 } ] }",
        "    devices: [ { id: " + campus + "-CS-01, model: cold-store, host: 127.0.0.1, port: " + port + ", unitId: 1, pollInterval: 200ms } ]",
        "")), Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(20)).until(() -> stats(campus + "-CS-01").failures() > 0);
    assertThat(gateway.connectorStatus().get("modbus-" + campus + "-CS-01").reason()).contains("127.0.0.1:" + port);
    assertThat(stats(campus + "-CS-01").timeouts()).isZero();

    try (PymodbusServer late = new PymodbusServer(Files.createDirectories(dir.resolve("late")), port)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> readings().getOrDefault(campus + "-CS-01", Map.of())
          .get(Quantity.COLD_STORE_TEMPERATURE) != null);
      assertThat(gateway.connectorStatus().get("modbus-" + campus + "-CS-01").state()).isEqualTo(ConnectorState.UP);
    }
  }

  /** Verifies that a bad register map or an unknown model refuses the config, naming the field. */
  @Test
  void aBadRegisterMapRefusesToStartNamingTheField() {
    assertThatThrownBy(() -> start(String.join("\n",
        "connectors:",
        "  modbus:",
        "    models: { m: [ { quantity: cold_store_temperature, function: holding, address: 0, type: float64 } ] }",
        "    devices: [ { id: " + campus + "-CS-01, model: m, host: 127.0.0.1 } ]")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.modbus.models.m[0].type").hasMessageContaining("float32");
    assertThatThrownBy(() -> start(String.join("\n",
        "connectors:",
        "  modbus:",
        "    models: { m: [ { quantity: cold_store_temperature, function: holding, address: 0 } ] }",
        "    devices: [ { id: " + campus + "-CS-01, model: n, host: 127.0.0.1 } ]")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.modbus.devices[0].model").hasMessageContaining("unknown model n");
  }

  private GatewayConfig config(String extra) {
    return parse(String.join("\n",
        extra,
        "connectors:",
        "  modbus:",
        "    requestTimeout: 1s",
        "    models:",
        "      cold-store: [ { quantity: cold_store_temperature, function: holding, address: 0, type: float32 },",
        "                    { quantity: door_open, function: discrete, address: 0 } ]",
        "      freezer: [ { quantity: freezer_temperature, function: holding, address: 10, type: float32, wordOrder: little },",
        "                 { quantity: humidity, function: input, address: 5, scale: 0.1 } ]",
        "      gas: [ { quantity: gas_concentration, function: input, address: 0, type: int32, wordOrder: little, scale: 0.1 } ]",
        "      faulty: [ { quantity: gas_concentration, function: holding, address: 100 } ]",
        "    devices:",
        device("CS-01", "cold-store", 1),
        device("FZ-01", "freezer", 2),
        device("GS-01", "gas", 3),
        device("XX-04", "faulty", 4),
        device("XX-05", "gas", 5).replace("port: " + server.port, "port: " + silentUnitServer.port),
        ""));
  }

  private String device(String id, String model, int unit) {
    return "      - { id: " + campus + "-" + id + ", model: " + model + ", host: 127.0.0.1, port: " + server.port + ", unitId: " + unit
        + ", pollInterval: 200ms }";
  }

  private void start(String body) throws Exception {
    gateway = CampusGateway.start(parse(body), Clock.systemUTC(), loop, scheduler);
  }

  private GatewayConfig parse(String body) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        body);
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }

  private List<EventEnvelope> stored() throws Exception {
    return gateway.outbox().next(Map.of(), 100_000).get(5, TimeUnit.SECONDS);
  }

  /** The newest value of each device's quantities in the outbox. */
  private Map<String, Map<Quantity, Double>> readings() throws Exception {
    Map<String, Map<Quantity, Double>> out = new java.util.HashMap<>();
    for (EventEnvelope e : stored()) {
      if (e.body() instanceof CanteenReading r) {
        out.computeIfAbsent(e.device(), d -> new java.util.EnumMap<>(Quantity.class)).put(r.quantity(), r.value());
      }
    }
    return out;
  }

  private List<EventEnvelope> alarms(String type) throws Exception {
    return stored().stream().filter(e -> e.body() instanceof LocalAlarm a && a.type().equals(type)).toList();
  }

  private DevicePollStats stats(String device) {
    return gateway.connectors().stream().map(b -> b.connector()).filter(ModbusConnector.class::isInstance)
        .map(ModbusConnector.class::cast).findFirst().orElseThrow().deviceStats().get(device);
  }
}
