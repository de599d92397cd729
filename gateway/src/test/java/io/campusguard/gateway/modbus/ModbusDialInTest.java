package io.campusguard.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 4G data modems dialling in: played by {@code dtu_modem.py}, which registers, sends heartbeats and answers the
 * gateway's Modbus RTU requests with pymodbus's own RTU framer and request handling.
 */
@Timeout(90)
class ModbusDialInTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final List<Process> modems = new ArrayList<>();
  private CampusGateway gateway;
  private final String campus = "T-" + Long.toHexString(System.nanoTime());

  @AfterEach
  void stop() throws Exception {
    for (Process p : modems) {
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (gateway != null) {
      gateway.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies that a wrong registration is refused and counted, that a registered modem's RTU device is polled
   * through its connection (heartbeats dropped between answers), and that a modem dialling in again replaces its
   * old connection, which the gateway closes.
   */
  @Test
  void aRegisteredModemIsPolledAWrongOneRefusedAndAReconnectReplacesTheOld() throws Exception {
    gateway = CampusGateway.start(config(), Clock.systemUTC(), loop, scheduler);
    ModbusConnector modbus = connector();
    int port = modbus.dialInPort();

    try (Socket stranger = new Socket("127.0.0.1", port)) {
      stranger.getOutputStream().write("LP017-DTU-99".getBytes(StandardCharsets.UTF_8));
      stranger.setSoTimeout(20_000);
      assertThat(stranger.getInputStream().read()).as("the gateway closes a wrong registration").isEqualTo(-1);
    }
    assertThat(modbus.counters()).containsEntry("dial_in_refused", 1L).containsEntry("dial_in_accepted", 0L);
    assertThat(gateway.connectorStatus().get("modbus-modem-dtu-1").state()).isEqualTo(ConnectorState.DOWN);

    Modem first = modem(port, 3.5);
    await().atMost(Duration.ofSeconds(30)).until(() -> latestColdStore() != null && latestColdStore() == 3.5);
    await().atMost(Duration.ofSeconds(10)).until(() -> modbus.counters().get("modem_heartbeats") > 0);
    assertThat(gateway.connectorStatus().get("modbus-modem-dtu-1").state()).isEqualTo(ConnectorState.UP);
    assertThat(gateway.connectorStatus().get("modbus-" + campus + "-CS-09").state()).isEqualTo(ConnectorState.UP);

    Modem second = modem(port, 4.75);
    assertThat(first.closed.get(20, TimeUnit.SECONDS)).as("the old connection is closed by the gateway").isEqualTo("CLOSED");
    await().atMost(Duration.ofSeconds(30)).until(() -> latestColdStore() == 4.75);
    assertThat(modbus.counters()).containsEntry("dial_in_replaced", 1L).containsEntry("dial_in_accepted", 2L)
        .containsEntry("dial_in_refused", 1L);
    assertThat(second.process.isAlive()).isTrue();
    assertThat(modbus.deviceStats().get(campus + "-CS-09").exceptions()).isZero();
  }

  private record Modem(Process process, CompletableFuture<String> closed) {}

  /** Starts a modem serving {@code value}; returns once it has sent its registration. */
  private Modem modem(int port, double value) throws Exception {
    Path script = dir.resolve("dtu_modem.py");
    if (!Files.exists(script)) {
      try (var s = ModbusDialInTest.class.getResourceAsStream("/modbus/dtu_modem.py")) {
        Files.copy(s, script);
      }
    }
    Process p = new ProcessBuilder(PymodbusServer.PYTHON, script.toString(), "127.0.0.1", String.valueOf(port), "LP017-DTU-01", "hb",
        String.valueOf(value)).redirectError(dir.resolve("modem-" + modems.size() + ".log").toFile()).start();
    modems.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS)).isEqualTo("CONNECTED");
    return new Modem(p, CompletableFuture.supplyAsync(() -> readLine(out)));
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private Double latestColdStore() throws Exception {
    Double last = null;
    for (EventEnvelope e : gateway.outbox().next(Map.of(), 100_000).get(5, TimeUnit.SECONDS)) {
      if (e.body() instanceof CanteenReading r && e.device().equals(campus + "-CS-09")) {
        last = r.value();
      }
    }
    return last;
  }

  private ModbusConnector connector() {
    return gateway.connectors().stream().map(b -> b.connector()).filter(ModbusConnector.class::isInstance)
        .map(ModbusConnector.class::cast).findFirst().orElseThrow();
  }

  private GatewayConfig config() {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        "connectors:",
        "  modbus:",
        "    requestTimeout: 1s",
        "    dialIn:",
        "      bindAddress: 127.0.0.1",
        "      port: 0",
        "      registrationTimeout: 5s",
        "      modems: [ { id: dtu-1, registration: LP017-DTU-01, heartbeat: hb } ]",
        "    models:",
        "      cold-store: [ { quantity: cold_store_temperature, function: holding, address: 0, type: float32 } ]",
        "    devices:",
        "      - { id: " + campus + "-CS-09, model: cold-store, modem: dtu-1, unitId: 1, pollInterval: 200ms }",
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
