package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.runtime.net.FreePorts;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import io.campusguard.simulators.fleet.Emission;
import io.campusguard.simulators.fleet.FleetPublisher;
import io.campusguard.simulators.gateways.InProcessGateway;
import io.campusguard.testing.BrowserSession;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The "four 100%" board with test mode, the cameras page and the canteens page in headless Chromium, against a
 * real hub, a real gateway and the real Mosquitto and PostgreSQL, fed by one simulated campus: its panic buttons
 * report, one NVR keeps reporting and the other falls silent (the gateway raises parent_offline for it), one
 * camera loses video, one goes offline, the cold store had a 40-minute excursion two hours ago and gas leaks now.
 * Screenshots go to {@code target/screenshots/}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesBrowserTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Vertx vertx;
  private static ScheduledExecutorService scheduler;
  private static Hub hub;
  private static Campus campus;
  private static FleetPublisher devices;
  private static InProcessGateway gateway;
  private static int port;
  private static String liveNvr;
  private static String silentNvr;
  private static SimDevice videoLossCamera;
  private static SimDevice offlineCamera;

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String db = "pages_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    port = FreePorts.pick();
    HubConfig hubConfig = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + port + " }",
        "database: { url: \"" + base.substring(0, base.lastIndexOf('/') + 1) + db + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    County all = CountyScenario.generate(2025);
    // A campus with two NVRs or more, so one can fail while the other keeps recording.
    campus = all.campuses().stream().filter(c -> of(c, DeviceType.NVR).size() >= 2).findFirst().orElseThrow();
    County county = all.only(List.of(campus.id()));
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList()).await(30, TimeUnit.SECONDS);
    // The county's asset register names every button, camera and NVR, including those the hub never hears from directly.
    hub.importAssets(county.assetRegister()).await(60, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    scheduler = Executors.newScheduledThreadPool(2);
    gateway = InProcessGateway.start(campus, TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), dir.resolve("gw"), vertx, scheduler, CLOCK);
    URI broker = URI.create(TestServices.mqttUrl());
    devices = new FleetPublisher(vertx, new EventCodec(CLOCK), broker.getHost(), broker.getPort(), TestServices.mqttUser(), TestServices.mqttPassword());
    devices.connect(List.of(campus.id())).await(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.gateway().health().connectors().values().stream().allMatch(s -> s.name().equals("UP")));

    liveNvr = of(campus, DeviceType.NVR).get(0).id();
    silentNvr = of(campus, DeviceType.NVR).get(1).id();
    List<SimDevice> liveCameras = of(campus, DeviceType.CAMERA).stream().filter(c -> liveNvr.equals(c.parent())).toList();
    videoLossCamera = liveCameras.get(0);
    offlineCamera = liveCameras.get(1);

    // Every camera reports once, naming its NVR; then only the live NVR, its cameras and the panic buttons keep reporting.
    List<Future<Void>> first = new ArrayList<>();
    Instant now = CLOCK.instant();
    for (SimDevice c : of(campus, DeviceType.CAMERA)) {
      first.add(publish(c, now, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.ONLINE, c.parent())));
    }
    // the NVR that will fail was heard once, as a working one would have been
    first.add(publish(of(campus, DeviceType.NVR).get(1), now, new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.ONLINE, null)));
    Future.all(first).await(60, TimeUnit.SECONDS);
    scheduler.scheduleAtFixedRate(() -> keepAlive(liveCameras), 0, 15, TimeUnit.SECONDS);
    publishCanteenDay();
  }

  private static void keepAlive(List<SimDevice> liveCameras) {
    Instant now = CLOCK.instant();
    publish(campus.devices().stream().filter(d -> d.id().equals(liveNvr)).findFirst().orElseThrow(), now,
        new CameraStatus(CameraStatus.Role.NVR, CameraStatus.State.ONLINE, null));
    for (SimDevice b : of(campus, DeviceType.PANIC_BUTTON)) {
      publish(b, now, new DeviceHeartbeat(EventKind.PANIC));
    }
    for (SimDevice c : liveCameras) {
      CameraStatus.State state = c == videoLossCamera ? CameraStatus.State.VIDEO_LOSS
          : c == offlineCamera ? CameraStatus.State.OFFLINE : CameraStatus.State.ONLINE;
      publish(c, now, new CameraStatus(CameraStatus.Role.CAMERA, state, c.parent()));
    }
  }

  /** 24 hours of readings every 10 minutes; the first cold store was out for 40 minutes two hours ago, peaking at 11.5 °C. */
  private static void publishCanteenDay() throws Exception {
    Instant now = CLOCK.instant();
    List<Future<Void>> sent = new ArrayList<>();
    List<SimDevice> coldStores = of(campus, DeviceType.COLD_STORE_SENSOR);
    for (int i = 144; i >= 1; i--) {
      Instant at = now.minus(Duration.ofMinutes(10L * i));
      double wave = Math.sin(i / 9.0);
      for (SimDevice s : coldStores) {
        double v = 4 + 1.5 * wave;
        if (s == coldStores.get(0) && i <= 14 && i >= 11) {
          v = i == 13 ? 11.5 : 9.5;
        }
        sent.add(publish(s, at, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, v)));
      }
      for (SimDevice s : of(campus, DeviceType.FREEZER_SENSOR)) {
        sent.add(publish(s, at, CanteenReading.of(CanteenReading.Quantity.FREEZER_TEMPERATURE, -19 + wave)));
      }
      for (SimDevice s : of(campus, DeviceType.GAS_SENSOR)) {
        sent.add(publish(s, at, CanteenReading.of(CanteenReading.Quantity.GAS_CONCENTRATION, 1 + Math.abs(wave))));
      }
    }
    for (SimDevice s : of(campus, DeviceType.GAS_SENSOR)) {
      sent.add(publish(s, now, CanteenReading.of(CanteenReading.Quantity.GAS_CONCENTRATION, 25)));
    }
    Future.all(sent).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (devices != null) {
      devices.close().await(10, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  /** Verifies the board shows the campus's buttons linked, and that a press in test mode counts as tested and raises no alarm. */
  @Test
  @Order(1)
  void boardCountsATestPressAndRaisesNoAlarm() throws Exception {
    int buttons = of(campus, DeviceType.PANIC_BUTTON).size();
    String row = "#board-table tr[data-campus='" + campus.id() + "']";
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/board");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text(d, row + " td.linked")).contains(buttons + "/" + buttons));
      assertThat(text(d, row + " td.tested")).contains("0/" + buttons);
      assertThat(text(d, "#county-tested")).contains("0 / " + buttons);

      js(d, "document.querySelector(arguments[0] + ' button.start-test').click(); return ''", row);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, row + " td.testmode")).contains("测试中"));

      SimDevice button = of(campus, DeviceType.PANIC_BUTTON).get(0);
      publish(button, CLOCK.instant(), new PanicEvent(PanicEvent.Action.PRESSED)).await(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(d, row + " td.tested")).contains("1/" + buttons));
      // the press went to the ledger, not to the live queue
      JsonArray ledger = get("/api/campuses/" + campus.id() + "/test-mode").getJsonArray("ledger");
      assertThat(ledger).hasSize(1);
      assertThat(ledger.getJsonObject(0).getString("device")).isEqualTo(button.id());
      assertThat(get("/api/alarms?state=active&campus=" + campus.id()).getJsonArray("alarms").stream()
          .map(a -> ((JsonObject) a).getString("type"))).doesNotContain("panic");
      operator.screenshot("console-board");
    }
  }

  /** Verifies the cameras page shows the silent NVR once with its cameras under it, and the video-loss and offline cameras. */
  @Test
  @Order(2)
  void camerasShowNvrOutageOnce() throws Exception {
    long underSilent = of(campus, DeviceType.CAMERA).stream().filter(c -> silentNvr.equals(c.parent())).count();
    // The gateway raises parent_offline once the NVR has been silent for its profile's limit (90 s).
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
        get("/api/cameras?campus=" + campus.id()).getJsonArray("campuses").getJsonObject(0).getJsonArray("nvrsDown").stream()
            .anyMatch(n -> silentNvr.equals(((JsonObject) n).getString("nvr"))));
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/cameras");
      String nvr = "div.nvr-down[data-nvr='" + silentNvr + "']";
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(count(d, nvr)).isEqualTo(1));
      assertThat(count(d, nvr + " li[data-camera]")).isEqualTo(underSilent);
      // shown under its NVR only, never again in the offline list
      assertThat(count(d, "ul.offline li[data-camera]")).isEqualTo(1);
      assertThat(text(d, "ul.offline")).contains(offlineCamera.id());
      assertThat(text(d, "ul.video-loss")).contains(videoLossCamera.id());
      assertThat(count(d, "div.nvr-down[data-nvr='" + liveNvr + "']")).isZero();
      assertThat(text(d, "#cameras-county")).contains("%");
      operator.screenshot("console-cameras");
    }
  }

  /** Verifies the canteens page charts the cold stores and freezers with threshold lines and lists the excursion and the gas alarm. */
  @Test
  @Order(3)
  void canteensChartExcursionsAndGas() throws Exception {
    String coldStore = of(campus, DeviceType.COLD_STORE_SENSOR).get(0).id();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject c = get("/api/canteens/" + campus.id());
      assertThat(c.getJsonArray("gasAlarms")).isNotEmpty();
      JsonObject sensor = c.getJsonArray("sensors").stream().map(JsonObject.class::cast).filter(s -> s.getString("id").equals(coldStore)).findFirst().orElseThrow();
      assertThat(sensor.getJsonArray("excursions")).hasSize(1);
    });
    int charted = of(campus, DeviceType.COLD_STORE_SENSOR).size() + of(campus, DeviceType.FREEZER_SENSOR).size();
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/canteens/" + campus.id());
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(count(d, "#canteen .charts svg.chart polyline.series")).isEqualTo(charted));
      assertThat(count(d, "#canteen .charts svg.chart line.threshold")).isEqualTo(charted);
      assertThat(text(d, "figure[data-device='" + coldStore + "'] .threshold-label")).contains("8");
      String excursion = "#excursions tr[data-device='" + coldStore + "']";
      assertThat(count(d, excursion)).isEqualTo(1);
      assertThat(text(d, excursion)).contains("11.5").contains("40min");
      assertThat(count(d, "#excursions tr")).isEqualTo(2); // the header and the one excursion
      assertThat(text(d, "#gas-alarms")).contains("燃气");
      operator.screenshot("console-canteens");
    }
  }

  private static List<SimDevice> of(Campus c, DeviceType type) {
    return c.devices().stream().filter(d -> d.type() == type).toList();
  }

  private static Future<Void> publish(SimDevice d, Instant at, EventBody body) {
    return devices.publish(new Emission(d.campus(), d.id(), at, body));
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  // The pages re-render, so they are read in one script call, never through element handles.
  private static String js(WebDriver d, String script, Object... args) {
    return String.valueOf(((JavascriptExecutor) d).executeScript(script, args));
  }

  private static String text(WebDriver d, String css) {
    return js(d, "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
  }

  private static long count(WebDriver d, String css) {
    return Long.parseLong(js(d, "return document.querySelectorAll(arguments[0]).length", css));
  }

  private static WebDriver open(BrowserSession session, String fragment) {
    WebDriver d = session.driver();
    d.get("http://127.0.0.1:" + port + "/console/" + fragment);
    await().atMost(Duration.ofSeconds(15)).until(() -> d.findElement(By.id("stream-state")).getAttribute("class").contains("up"));
    return d;
  }
}
