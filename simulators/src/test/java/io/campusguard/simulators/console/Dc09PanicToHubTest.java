package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alarm panel's Contact ID panic press, sent over SIA DC-09 to a campus gateway's {@code connectors.dc09}
 * receiver, is ACKed once stored and is an open P0 panic alarm at the county hub on the zone's button.
 */
@Timeout(180)
class Dc09PanicToHubTest {
  private static final String CAMPUS = "LP-091";

  /** Verifies the panic press end to end: DC-09 frame, ACK after the outbox, open P0 alarm at the hub. */
  @Test
  void panelPanicPressIsAnOpenAlarmAtTheHub(@TempDir Path dir) throws Exception {
    String db = "dc09_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    int port = FreePorts.pick();
    HubConfig hubConfig = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + port + " }",
        "database: { url: \"" + base.substring(0, base.lastIndexOf('/') + 1) + db + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    Hub hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    CampusGateway gateway = null;
    try {
      ConsoleLogin operator = ConsoleLogin.create(hub, port, new User("dc09-operator", "值班员", Role.OPERATOR, null));
      hub.registerCampuses(List.of(new Hub.CampusInfo(CAMPUS, "DC-09 测试学校", "测试镇"))).await(30, TimeUnit.SECONDS);
      String mqtt = "{ url: \"" + TestServices.mqttUrl() + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }";
      GatewayConfig config = new ConfigLoader().parse(String.join("\n",
          "campus: " + CAMPUS,
          "campusBroker: " + mqtt,
          "countyBroker: " + mqtt,
          "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }",
          "devices:",
          "  - { id: " + CAMPUS + "-PB-15, type: panic_button, room: 门卫室 }",
          "connectors:",
          "  dc09: { bindAddress: 127.0.0.1, tcpPort: 0, accounts: [ { account: \"4321\", device: " + CAMPUS + "-AP-01, "
              + "zones: { \"15\": { device: " + CAMPUS + "-PB-15, room: 门卫室, panic: true } } } ] }",
          ""), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
      gateway = CampusGateway.start(config, Clock.systemUTC(), loop, scheduler);
      int dc09 = gateway.connectors().stream().map(b -> b.connector()).filter(io.campusguard.gateway.dc09.Dc09Connector.class::isInstance)
          .map(io.campusguard.gateway.dc09.Dc09Connector.class::cast).findFirst().orElseThrow().tcpPort();

      // a panel's frame, written out by hand from the standard: LF, CRC-16/ARC, 0LLL, body, CR
      String body = "\"ADM-CID\"0001L0#4321[#4321|1120 01 015]";
      String frame = "\n" + String.format("%04X", crc(body)) + "0" + String.format("%03X", body.length()) + body + "\r";
      assertThat(send(dc09, frame)).contains("\"ACK\"0001L0#4321[]");

      await().atMost(Duration.ofSeconds(60)).until(() -> alarms(operator).size() == 1);
      JsonObject alarm = alarms(operator).getJsonObject(0);
      assertThat(alarm.getString("type")).isEqualTo("panic");
      assertThat(alarm.getString("state")).isEqualTo("open");
      assertThat(alarm.getString("device")).isEqualTo(CAMPUS + "-PB-15");
      assertThat(alarm.encode()).contains("P0");
    } finally {
      if (gateway != null) {
        gateway.close();
      }
      scheduler.shutdownNow();
      loop.shutdownNow();
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static JsonArray alarms(ConsoleLogin login) throws Exception {
    return login.get("/api/alarms?campus=" + CAMPUS).getJsonArray("alarms");
  }

  private static int crc(String body) {
    int crc = 0;
    for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
      crc ^= b & 0xFF;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 1) == 1 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  private static String send(int port, String frame) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      s.setSoTimeout(30_000);
      s.getOutputStream().write(frame.getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      int b;
      while ((b = s.getInputStream().read()) >= 0 && b != '\r') {
        answer.write(b);
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
