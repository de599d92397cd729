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
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
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
  /** Who the browser signs in as; what it does is recorded under this id. */
  private static final String USER = "op-pages";
  private static ConsoleLogin login;

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
    login = ConsoleLogin.create(hub, port, new User(USER, "值班员", Role.OPERATOR, null));
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
    // The page shows what the hub had when it loaded: the offline and video-loss cameras too must be in.
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      JsonObject cameras = get("/api/cameras?campus=" + campus.id()).getJsonArray("campuses").getJsonObject(0);
      return cameras.getJsonArray("nvrsDown").stream().anyMatch(n -> silentNvr.equals(((JsonObject) n).getString("nvr")))
          && cameras.getJsonArray("offline").contains(offlineCamera.id()) && cameras.getJsonArray("videoLoss").contains(videoLossCamera.id());
    });
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
      // uPlot draws on a canvas: the chart keeps what it shows on its container's data attributes
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(count(d, "#canteen .charts div.chart .uplot canvas")).isEqualTo(charted));
      assertThat(count(d, "#canteen .charts div.chart[data-threshold]")).isEqualTo(charted);
      String coldChart = "figure[data-device='" + coldStore + "'] div.chart[data-device='" + coldStore + "']";
      assertThat(js(d, "return document.querySelector(arguments[0]).dataset.threshold", coldChart)).isEqualTo("8");
      assertThat(Integer.parseInt(js(d, "return document.querySelector(arguments[0]).dataset.points", coldChart))).isPositive();
      assertThat(js(d, "return document.querySelector(arguments[0]).dataset.bands", coldChart)).isEqualTo("1");
      assertThat(Integer.parseInt(js(d, "return document.querySelector(arguments[0] + ' .uplot').offsetHeight", coldChart))).isPositive();
      String excursion = "#excursions tr[data-device='" + coldStore + "']";
      assertThat(count(d, excursion)).isEqualTo(1);
      assertThat(text(d, excursion)).contains("11.5").contains("40min");
      assertThat(count(d, "#excursions tr")).isEqualTo(2); // the header and the one excursion
      assertThat(text(d, "#gas-alarms")).contains("燃气");
      operator.screenshot("console-canteens");
    }
  }

  /**
   * Verifies that the campus page shows its link, open alarms, devices by kind, cameras (with the NVR outage and
   * the offline and video-loss cameras), canteen (the cold store's excursion) and a timeline holding the test
   * window and the test press of the board test, newest first.
   */
  @Test
  @Order(4)
  void campusPageShowsEverySectionWithRealData() throws Exception {
    String coldStore = of(campus, DeviceType.COLD_STORE_SENSOR).get(0).id();
    // the hub writes the link's quality to the time series every 10 s
    await().atMost(Duration.ofSeconds(30)).until(() ->
        !get("/api/devices/" + campus.id() + "/series?measurement=path_latency&quantity=p99_ms").getJsonArray("points").isEmpty()
            && !get("/api/devices/" + campus.id() + "/series?measurement=link_availability&quantity=up").getJsonArray("points").isEmpty());
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/campus/" + campus.id());
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(count(d, "#campus-timeline li.tl")).isPositive());
      assertThat(text(d, "#campus h2")).contains(campus.name());
      // link: up, with a heartbeat, path latency and availability
      assertThat(text(d, "#campus-link .link-state")).contains("链路正常");
      assertThat(text(d, "#campus-heartbeat")).isNotBlank().isNotEqualTo("—");
      assertThat(text(d, "#campus-latency")).contains("ms");
      assertThat(text(d, "#campus-availability")).contains("%");
      assertThat(count(d, "#campus-link-history div.link-chart[data-series~='p99'] .uplot canvas")).isEqualTo(1);
      // drawn, not only created: uPlot sizes its root when it draws
      assertThat(Integer.parseInt(js(d, "return document.querySelector('#campus-link-history .uplot').offsetHeight"))).isPositive();
      assertThat(text(d, "#campus-link-history")).contains("p99").contains("ms").containsPattern("可用率最低 \\d+\\.\\d{2} %");
      // open alarms: the gas alarm and the silent NVR
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, "#campus-alarms")).contains("燃气").contains(silentNvr));
      // devices by kind, as the hub's register has learnt them from events (heartbeats stay on the gateway)
      assertThat(count(d, "#campus-device-table tr[data-kind='panic']")).isEqualTo(1);
      long panicDevices = get("/api/devices?campus=" + campus.id()).getJsonArray("devices").stream()
          .filter(o -> "panic".equals(((JsonObject) o).getString("kind"))).count();
      assertThat(panicDevices).isPositive();
      assertThat(js(d, "return document.querySelector(\"#campus-device-table tr[data-kind='panic'] td:nth-child(2)\").textContent"))
          .isEqualTo(String.valueOf(panicDevices));
      assertThat(count(d, "#campus-device-table tr[data-kind='camera']")).isEqualTo(1);
      assertThat(count(d, "#campus-device-table tr[data-kind='canteen']")).isEqualTo(1);
      // cameras: ratio, the NVR once with its cameras, the offline and video-loss ones
      assertThat(text(d, "#campus-camera-ratio")).contains("%");
      assertThat(count(d, "#campus-cameras div.nvr-down[data-nvr='" + silentNvr + "']")).isEqualTo(1);
      assertThat(text(d, "#campus-cameras ul.offline")).contains(offlineCamera.id());
      assertThat(text(d, "#campus-cameras ul.video-loss")).contains(videoLossCamera.id());
      // canteen: the cold store with its excursion and last reading, and the gas alarm
      String row = "#campus-canteen-table tr[data-device='" + coldStore + "']";
      assertThat(text(d, row)).contains("11.5").contains("40min").contains("°C");
      assertThat(text(d, "#campus-gas")).contains("1");
      // timeline: newest first, with the test window and its press from the board test, and the gas alarm opening
      assertThat(text(d, "#timeline")).contains("一键报警测试开始").contains(USER).contains("测试按下").contains("燃气浓度超标");
      JsonObject api = get("/api/campuses/" + campus.id() + "/timeline?limit=200");
      assertThat(count(d, "#timeline li.tl")).isEqualTo(Math.min(50, api.getJsonArray("entries").size()));
      operator.screenshot("console-campus");
      js(d, "document.getElementById('campus-cameras').scrollIntoView(); return ''");
      operator.screenshot("console-campus-cameras-canteen");
      js(d, "document.getElementById('campus-timeline').scrollIntoView(); return ''");
      operator.screenshot("console-campus-timeline");
    }
  }

  /**
   * Verifies that the alarm detail shows the procedure kept by the hub, that an operator edits it on the
   * procedures page, and that the next alarm detail shows the edited steps.
   */
  @Test
  @Order(5)
  void proceduresAreShownAndEdited() throws Exception {
    long gas = get("/api/alarms?state=active&campus=" + campus.id()).getJsonArray("alarms").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("type").equals("gas_high")).findFirst().orElseThrow().getLong("id");
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/alarms");
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "tr[data-alarm='" + gas + "']") == 1);
      js(d, "document.querySelector(\"tr[data-alarm='" + gas + "'] button.details\").click(); return ''");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, "#alarm-detail ol.procedure-steps")).contains("燃气总阀").contains("119"));
      assertThat(count(d, "#alarm-detail ol.procedure-steps li")).isEqualTo(4);
      operator.screenshot("console-alarm-detail");

      d.get("http://127.0.0.1:" + port + "/console/#/procedures");
      String card = "section.procedure[data-type='gas_high']";
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, card + " button.edit") == 1);
      assertThat(count(d, "section.procedure")).isGreaterThanOrEqualTo(11);
      js(d, "document.querySelector(arguments[0] + ' button.edit').click(); return ''", card);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, card + " textarea[name='zh-CN']") == 1);
      js(d, "const s = arguments[0];"
          + "document.querySelector(s + \" textarea[name='zh-CN']\").value = '立即通知食堂关闭燃气总阀\\n联系燃气公司抢修\\n记录处置经过';"
          + "document.querySelector(s + \" textarea[name='en']\").value = 'Have the canteen close the main gas valve now\\nCall the gas company\\nRecord what was done';"
          + "document.querySelector(s + ' button.save').click(); return ''", card);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, card)).contains("联系燃气公司抢修").contains("第 2 版").contains(USER));
      assertThat(count(d, card + " ol li")).isEqualTo(3);
      operator.screenshot("console-procedures");
      JsonObject stored = get("/api/procedures/gas_high");
      assertThat(stored.getInteger("version")).isEqualTo(2);
      assertThat(stored.getString("updatedBy")).isEqualTo(USER);
      assertThat(stored.getJsonObject("steps").getJsonArray("en").getString(1)).isEqualTo("Call the gas company");

      // the alarm detail now shows the edited steps
      d.get("http://127.0.0.1:" + port + "/console/#/alarms");
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "tr[data-alarm='" + gas + "']") == 1);
      js(d, "document.querySelector(\"tr[data-alarm='" + gas + "'] button.details\").click(); return ''");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, "#alarm-detail ol.procedure-steps")).contains("联系燃气公司抢修"));
      assertThat(count(d, "#alarm-detail ol.procedure-steps li")).isEqualTo(3);
    }
  }

  /** Verifies that an operator ends the board test's window early from the board, and that a press afterwards raises a real P0 alarm. */
  @Test
  @Order(6)
  void endingTestModeEarlyRaisesRealAlarmsAgain() throws Exception {
    String row = "#board-table tr[data-campus='" + campus.id() + "']";
    SimDevice button = of(campus, DeviceType.PANIC_BUTTON).get(1);
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/board");
      // control: the window opened by the board test is still open
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, row + " button.end-test") == 1);
      assertThat(text(d, row + " td.testmode")).contains("测试中");
      js(d, "document.querySelector(arguments[0] + ' button.end-test').click(); return ''", row);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, row + " button.start-test") == 1);
      assertThat(text(d, row + " td.testmode")).doesNotContain("测试中");
      JsonObject mode = get("/api/campuses/" + campus.id() + "/test-mode");
      assertThat(mode.getBoolean("active")).isFalse();
      assertThat(mode.getJsonObject("endedEarly").getString("by")).isEqualTo(USER);
      operator.screenshot("console-board-test-ended");

      d.get("http://127.0.0.1:" + port + "/console/#/alarms");
      await().atMost(Duration.ofSeconds(15)).until(() -> d.findElement(By.id("stream-state")).getAttribute("class").contains("up"));
      publish(button, CLOCK.instant(), new PanicEvent(PanicEvent.Action.PRESSED)).await(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Long.parseLong(js(d,
          "return [...document.querySelectorAll('tr[data-alarm]')].filter(r => r.textContent.includes(arguments[0]) && r.textContent.includes('P0')).length",
          button.id()))).isEqualTo(1));
      // the ledger kept the one test press of the window, and no more
      assertThat(get("/api/campuses/" + campus.id() + "/test-mode").getJsonArray("ledger")).hasSize(1);
    }
  }

  /** Verifies that with English chosen no page shows Chinese words of its own (campus names and towns are the register's data). */
  @Test
  @Order(7)
  void englishCoversEveryPage() throws Exception {
    List<String> names = new ArrayList<>();
    get("/api/campuses").getJsonArray("campuses").forEach(o -> {
      names.add(((JsonObject) o).getString("name"));
      names.add(((JsonObject) o).getString("town"));
    });
    long anAlarm = get("/api/alarms?state=active&campus=" + campus.id()).getJsonArray("alarms").getJsonObject(0).getLong("id");
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = open(operator, "#/alarms");
      js(d, "document.getElementById('lang').click(); return ''");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, "#nav-alarms")).isEqualTo("Alarm queue"));
      js(d, "document.querySelector(\"tr[data-alarm='" + anAlarm + "'] button.details\").click(); return ''");
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "#alarm-detail ol.procedure-steps li") > 0);
      Map<String, String> pages = new java.util.LinkedHashMap<>();
      pages.put("alarms", "#alarm-detail ol.procedure-steps li");
      pages.put("wall", "a.tile");
      pages.put("campus/" + campus.id(), "#campus-timeline li.tl");
      pages.put("board", "#board-table tr[data-campus]");
      pages.put("cameras", "#camera-table tr[data-campus]");
      pages.put("canteens/" + campus.id(), "#canteen div.chart .uplot");
      pages.put("procedures", "section.procedure");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        if (!page.getKey().equals("alarms")) {
          d.get("http://127.0.0.1:" + port + "/console/#/" + page.getKey());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count(d, page.getValue()) > 0);
        String view = "#view-" + page.getKey().split("/")[0];
        String shown = js(d, "return document.querySelector('header.top').innerText + '\\n' + document.querySelector(arguments[0]).innerText", view);
        for (String name : names) {
          shown = shown.replace(name, "");
        }
        shown = shown.replace("中文", ""); // the switch back to Chinese says so in Chinese
        assertThat(shown).as(page.getKey()).doesNotContainPattern("\\p{IsHan}");
        if (page.getKey().startsWith("campus")) {
          operator.screenshot("console-campus-en");
        }
      }
    }
  }

  private static List<SimDevice> of(Campus c, DeviceType type) {
    return c.devices().stream().filter(d -> d.type() == type).toList();
  }

  private static Future<Void> publish(SimDevice d, Instant at, EventBody body) {
    return devices.publish(new Emission(d.campus(), d.id(), at, body));
  }

  private static JsonObject get(String path) throws Exception {
    return login.get(path);
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
    return login.open(session, fragment);
  }
}
