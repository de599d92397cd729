package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import io.campusguard.testing.BrowserSession;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What a campus gateway's heartbeat tells the county, in headless Chromium against a real hub, a real gateway and the
 * real Mosquitto and PostgreSQL: a device that sends garbage to its gateway shows on the campus page with why, and a
 * device whose profile the county changed in the gateway's YAML shows that profile on its device page.
 */
@Timeout(300)
class GatewayReportsBrowserTest {
  private static final String USER = "gw-reports";
  private static Hub hub;
  private static ConsoleLogin login;
  private static CampusGateway gateway;
  private static ScheduledExecutorService scheduler;
  private static ExecutorService loop;
  private static Campus campus;
  private static SimDevice coldStore;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    String db = "gwreports_" + UUID.randomUUID().toString().replace("-", "");
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
    hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    login = ConsoleLogin.create(hub, port, new User(USER, "信息中心", Role.IT, null));
    County all = CountyScenario.generate(2025);
    campus = all.campuses().stream().filter(c -> c.devices().stream().anyMatch(d -> d.type() == DeviceType.COLD_STORE_SENSOR))
        .min(java.util.Comparator.comparingInt(c -> c.devices().size())).orElseThrow();
    coldStore = campus.devices().stream().filter(d -> d.type() == DeviceType.COLD_STORE_SENSOR).findFirst().orElseThrow();
    County county = all.only(List.of(campus.id()));
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList()).await(30, TimeUnit.SECONDS);
    hub.importAssets(county.assetRegister()).await(60, TimeUnit.SECONDS);

    String mqtt = "{ url: \"" + TestServices.mqttUrl() + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }";
    GatewayConfig config = new ConfigLoader().parse(String.join("\n",
        "campus: " + campus.id(),
        "campusBroker: " + mqtt,
        "countyBroker: " + mqtt,
        "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }",
        "uplink: { heartbeatInterval: 1s }",
        "devices:",
        "  - { id: " + coldStore.id() + ", type: cold_store_sensor, profile: { reportingInterval: 45s, thresholds: [ "
            + "{ alarmType: cold_store_high, direction: above, raiseAt: 4, clearAt: 3, raiseAfter: 2m, clearAfter: 1m } ] } }",
        ""), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
    scheduler = Executors.newScheduledThreadPool(2);
    loop = Executors.newSingleThreadExecutor();
    gateway = CampusGateway.start(config, Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.campusState().name().equals("UP") && gateway.uplink().state().name().equals("UP"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      loop.shutdownNow();
    }
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  /** Verifies that garbage a device sends to its gateway shows on the campus page: counted, with topic, field and reason. */
  @Test
  void deviceGarbageShowsOnTheCampusPage() throws Exception {
    String topic = "campus/" + campus.id() + "/canteen/" + coldStore.id();
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = login.open(it, "#/campus/" + campus.id());
      // before: the gateway is heard and has refused nothing
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text(d, "#campus-device-input")).contains("网关拒收 0 条"));
      assertThat(text(d, "#campus-connectors")).contains("campus").contains("正常");

      publishRaw(topic, "{\"ts\":\"" + Instant.now() + "\",\"quantity\":\"cold_store_temperature\",\"value\":999}");

      // the page redraws on navigation and live alarm changes: come back to it once the hub has the heartbeat that says so
      // (the gateway counts a refusal, then keeps it among the recent: a heartbeat taken in between has the count only)
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        io.vertx.core.json.JsonObject input = login.get("/api/campuses/" + campus.id()).getJsonObject("gateway").getJsonObject("deviceInput");
        return input.getLong("refused") == 1 && !input.getJsonArray("recent").isEmpty();
      });
      ((JavascriptExecutor) d).executeScript("location.hash = '#/wall'");
      ((JavascriptExecutor) d).executeScript("location.hash = arguments[0]", "#/campus/" + campus.id());
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(d, "#campus-device-input")).contains("网关拒收 1 条"));
      assertThat(text(d, "#campus-device-input li[data-source='" + topic + "']")).contains("value").contains("out_of_range");
      it.screenshot("console-campus-device-input");
    }
  }

  /** Verifies that a device's page shows the profile the county set for it in the gateway's YAML, and who set it. */
  @Test
  void aDevicesPageShowsItsProfileInForce() throws Exception {
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = login.open(it, "#/device/" + coldStore.id());
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(text(d, "#device-profile [data-profile='source']")).isEqualTo("本设备单独设定"));
      assertThat(text(d, "#device-profile [data-profile='reportingInterval']")).isEqualTo("45 s");
      assertThat(text(d, "#device-thresholds tr[data-threshold='cold_store_high']")).contains("高于 4").contains("120 s").contains("低于");
      ((JavascriptExecutor) d).executeScript("document.getElementById('device-profile').scrollIntoView()");
      it.screenshot("console-device-profile");
    }
  }

  private static void publishRaw(String topic, String payload) throws Exception {
    MqttClient client = new MqttClient(TestServices.mqttUrl(), "garbage-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(TestServices.mqttUser());
    options.setPassword(TestServices.mqttPassword().getBytes(StandardCharsets.UTF_8));
    client.connect(options);
    try {
      client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    } finally {
      client.disconnect();
      client.close();
    }
  }

  private static String text(WebDriver d, String css) {
    return String.valueOf(((JavascriptExecutor) d).executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css));
  }

}
