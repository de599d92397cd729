package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.body.ClassroomHealth;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The IT staff's pages in headless Chromium against a real hub, a real gateway and the real Mosquitto and
 * PostgreSQL: two campuses of the simulated county in different towns with their asset register; the first one's
 * gateway carries three days of classroom health for a platform whose disk is failing and one report from a PC
 * that stands in another room than its record says. The queue is filtered by campus, category, town and flag, an
 * entry goes through the whole workflow, the CSV export is read back, the device, plan and import pages are
 * shown, and a repair is recorded on the device page. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItPagesBrowserTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Who the browser signs in as; what it does is recorded under this id. */
  private static final String USER = "it-pages";
  private static ConsoleLogin login;

  private static Vertx vertx;
  private static ScheduledExecutorService scheduler;
  private static Hub hub;
  private static Campus watched;
  private static Campus other;
  private static FleetPublisher devices;
  private static InProcessGateway gateway;
  private static int port;
  private static SimDevice worn;
  private static SimDevice moved;
  private static SimDevice approvedPc;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    String db = "itpages_" + UUID.randomUUID().toString().replace("-", "");
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
    login = ConsoleLogin.create(hub, port, new User(USER, "信息中心", Role.IT, null));
    County all = CountyScenario.generate(2025);
    // Two small campuses with platforms and teacher PCs, in different towns, so every filter has something to leave out.
    List<Campus> small = all.campuses().stream()
        .filter(c -> c.devices().size() < 150 && !of(c, DeviceType.MULTIMEDIA_PLATFORM).isEmpty() && of(c, DeviceType.TEACHER_PC).size() >= 2)
        .toList();
    watched = small.get(0);
    other = small.stream().filter(c -> !c.town().equals(watched.town())).findFirst().orElseThrow();
    County county = all.only(List.of(watched.id(), other.id()));
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList()).await(30, TimeUnit.SECONDS);
    hub.importAssets(county.assetRegister()).await(60, TimeUnit.SECONDS);

    vertx = Vertx.vertx();
    scheduler = Executors.newScheduledThreadPool(2);
    gateway = InProcessGateway.start(watched, TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), dir.resolve("gw"), vertx, scheduler, CLOCK);
    URI broker = URI.create(TestServices.mqttUrl());
    devices = new FleetPublisher(vertx, new EventCodec(CLOCK), broker.getHost(), broker.getPort(), TestServices.mqttUser(), TestServices.mqttPassword());
    devices.connect(List.of(watched.id())).await(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.gateway().health().connectors().values().stream().allMatch(s -> s.name().equals("UP")));

    // the oldest platform, so that with the worst health too it must rank first among the campus's platforms
    worn = of(watched, DeviceType.MULTIMEDIA_PLATFORM).stream().min(java.util.Comparator.comparing(SimDevice::purchaseDate)).orElseThrow();
    moved = of(watched, DeviceType.TEACHER_PC).get(0);
    approvedPc = of(watched, DeviceType.TEACHER_PC).get(1);
    Instant now = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
    List<Future<Void>> sent = new ArrayList<>();
    int[] disk = {92, 61, 30};
    for (int day = 0; day < 3; day++) {
      sent.add(publish(worn, now.minus(3 - day, ChronoUnit.DAYS), new ClassroomHealth(ClassroomHealth.DeviceType.MULTIMEDIA_PLATFORM,
          21_000 + 8 * day, 5_200L + 8 * day, null, disk[day], day, 2 * day, 48.0, null, worn.room())));
    }
    sent.add(publish(moved, now.minus(1, ChronoUnit.HOURS), new ClassroomHealth(ClassroomHealth.DeviceType.TEACHER_PC,
        9_000, null, null, 88, 0, 0, 41.0, null, "机房9")));
    Future.all(sent).await(60, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        get("/api/assets/" + worn.id() + "/trend?days=30").getJsonArray("points").size() == 3
            && get("/api/assets/" + moved.id()).getJsonArray("flags").contains("other_room")
            // its trend point is written to the time series after the commit that sets the flag
            && get("/api/assets/" + moved.id() + "/trend?days=30").getJsonArray("points").size() == 1);
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

  /** Verifies that the queue filters by campus, category, town and flag, each time showing exactly the hub's rows for it. */
  @Test
  @Order(1)
  void queueFilters() throws Exception {
    int everything = get("/api/replacement/queue").getJsonArray("queue").size();
    assertThat(everything).as("both campuses fit the page's 500 rows").isLessThanOrEqualTo(500)
        .isEqualTo(watched.devices().size() + other.devices().size());
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/queue");
      await().atMost(Duration.ofSeconds(15)).until(() -> rows(d) == everything);
      // control: both campuses are listed before filtering
      assertThat(cells(d, 3)).anyMatch(c -> c.contains(watched.name())).anyMatch(c -> c.contains(other.name()));

      filter(d, watched.id(), "", "", "");
      await().atMost(Duration.ofSeconds(10)).until(() -> rows(d) == watched.devices().size());
      assertThat(cells(d, 3)).allMatch(c -> c.contains(watched.name()));

      filter(d, watched.id(), "", "teacher_pc", "");
      long teacherPcs = of(watched, DeviceType.TEACHER_PC).size();
      await().atMost(Duration.ofSeconds(10)).until(() -> rows(d) == teacherPcs);
      assertThat(cells(d, 4)).allMatch(c -> c.equals("教师电脑"));

      filter(d, "", other.town(), "", "");
      await().atMost(Duration.ofSeconds(10)).until(() -> rows(d) == other.devices().size());
      assertThat(cells(d, 3)).allMatch(c -> c.contains(other.name()) && c.contains(other.town()));

      filter(d, "", "", "", "other_room");
      await().atMost(Duration.ofSeconds(10)).until(() -> rows(d) == 1);
      assertThat(text(d, "#replacement-queue tbody tr[data-asset='" + moved.id() + "'] .flag[data-flag='other_room']")).contains("机房9");

      // the platform with the failing disk ranks first among its campus's platforms, its reasons in words
      filter(d, watched.id(), "", "multimedia_platform", "");
      await().atMost(Duration.ofSeconds(10)).until(() -> rows(d) == of(watched, DeviceType.MULTIMEDIA_PLATFORM).size());
      String first = js(d, "return document.querySelector('#replacement-queue tbody tr').dataset.asset");
      assertThat(first).isEqualTo(worn.id());
      assertThat(text(d, "#replacement-queue tbody tr td.reasons")).contains("硬盘健康度仅 30%");
      it.screenshot("it-queue");
    }
  }

  /** Verifies that an entry moves candidate → approved → ordered → installed → retired with who and when shown at each step. */
  @Test
  @Order(2)
  void stateChangesShowWhoAndWhen() throws Exception {
    String row = "#replacement-queue tbody tr[data-asset='" + approvedPc.id() + "']";
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/queue");
      filter(d, watched.id(), "", "teacher_pc", "");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, row) == 1);
      // control: a candidate, no step taken yet
      assertThat(text(d, row + " td.state")).isEqualTo("待评估");
      String[][] steps = {{"approved", "已批准"}, {"ordered", "已下单"}, {"installed", "已安装"}, {"retired", "已报废"}};
      for (String[] step : steps) {
        js(d, "document.querySelector(arguments[0] + \" button.move[data-to='\" + arguments[1] + \"']\").click(); return ''", row, step[0]);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text(d, row + " td.state")).startsWith(step[1]));
        assertThat(text(d, row + " td.state .state-by")).contains(USER).containsPattern("\\d{1,2}:\\d{2}:\\d{2}");
      }
      assertThat(count(d, row + " button.move")).isZero();
      // a fresh load shows the same state and who from the hub, not from the page's memory
      d.navigate().refresh();
      filter(d, watched.id(), "", "teacher_pc", "");
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(d, row + " td.state")).startsWith("已报废").contains(USER));
    }
    JsonArray history = get("/api/assets/" + approvedPc.id()).getJsonObject("replacement").getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("to")).toList()).containsExactly("approved", "ordered", "installed", "retired");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("by")).toList()).containsOnly(USER);
  }

  /** Verifies that the export link serves the filtered queue as CSV: header, one line per row shown, the moved entry's state. */
  @Test
  @Order(3)
  void exportServesTheFilteredQueue() throws Exception {
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/queue");
      filter(d, watched.id(), "", "teacher_pc", "");
      long teacherPcs = of(watched, DeviceType.TEACHER_PC).size();
      await().atMost(Duration.ofSeconds(15)).until(() -> rows(d) == teacherPcs);
      String href = js(d, "return document.getElementById('queue-csv').href");
      assertThat(href).contains("format=csv").contains("campus=" + watched.id()).contains("category=teacher_pc");
      // the file as the browser downloads it: same origin, same link
      String csv = js(d, "const done = arguments[arguments.length - 1];"
          + "fetch(document.getElementById('queue-csv').href).then(r => r.text()).then(done, e => done('failed: ' + e));", true);
      List<String> lines = csv.lines().toList();
      assertThat(lines.get(0)).isEqualTo("rank,asset_id,campus,town,room,category,purchase_date,score,health,state,reasons");
      assertThat(lines).hasSize((int) teacherPcs + 1);
      assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains("," + watched.id() + ",") && l.contains(",teacher_pc,"));
      assertThat(lines).anyMatch(l -> l.contains(approvedPc.id()) && l.contains(",retired,"));
      assertThat(lines).anyMatch(l -> l.startsWith("1,"));
    }
    HttpResponse<String> served = login.send("/api/replacement/queue?format=csv&campus=" + watched.id());
    assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("replacement-queue.csv"));
  }

  /** Verifies that the device page shows the record, the health with its reasons, the facts, the trend chart and the moved flag. */
  @Test
  @Order(4)
  void devicePageShowsHealthAndTrend() throws Exception {
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/queue");
      filter(d, watched.id(), "", "", "");
      String link = "#replacement-queue tbody tr[data-asset='" + worn.id() + "'] a.asset-link";
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, link) == 1);
      js(d, "document.querySelector(arguments[0]).click(); return ''", link);
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#device-trend .uplot canvas") == 1);
      assertThat(d.getCurrentUrl()).endsWith("#/device/" + worn.id());
      assertThat(text(d, "#device h2")).contains(worn.id());
      assertThat(text(d, "#device-record")).contains(worn.room()).contains(watched.name());
      assertThat(text(d, "#device-reasons")).contains("硬盘健康度仅 30%").contains("死机 4 次");
      assertThat(text(d, "#device-facts [data-fact='diskHealth']")).isEqualTo("30");
      assertThat(text(d, "#device-facts [data-fact='lampHours']")).isEqualTo("5216");
      assertThat(Integer.parseInt(text(d, "#device-health"))).isLessThan(60);
      // the trend falls as the disk wears: one point per report, oldest first
      assertThat(Integer.parseInt(js(d, "return document.querySelector('#device-trend .uplot').offsetHeight"))).as("drawn").isPositive();
      String healths = js(d, "return document.getElementById('device-trend').dataset.values");
      List<Integer> trend = java.util.Arrays.stream(healths.split(",")).map(Integer::parseInt).toList();
      assertThat(trend).hasSize(3);
      assertThat(trend.get(0)).isGreaterThan(trend.get(1));
      assertThat(trend.get(1)).isGreaterThan(trend.get(2));
      assertThat(count(d, "#device .flag[data-flag='other_room']")).isZero();
      it.screenshot("it-device");

      d.get("http://127.0.0.1:" + port + "/console/#/device/" + moved.id());
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#device .flag[data-flag='other_room']") == 1);
      assertThat(text(d, "#device-reported")).contains("机房9");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#device-trend .uplot canvas") == 1);
      assertThat(js(d, "return document.getElementById('device-trend').dataset.points")).as("its one report").isEqualTo("1");
      it.screenshot("it-device-moved");
    }
  }

  /** Verifies that the plan page lays out five years within budget, and the import page names a bad row's field. */
  @Test
  @Order(5)
  void planAndImportPages(@TempDir Path dir) throws Exception {
    Asset a = CountyScenario.generate(2025).only(List.of(watched.id())).assetRegister().get(0);
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/plan");
      js(d, "document.querySelector('#plan-form button[type=submit]').click(); return ''");
      await().atMost(Duration.ofSeconds(30)).until(() -> count(d, "#plan-table tbody tr") == 5);
      assertThat(text(d, "#plan-table tbody tr")).startsWith("2025");
      assertThat(count(d, "#plan svg.bars rect.bar")).isEqualTo(5);
      it.screenshot("it-plan");

      Path file = dir.resolve("assets.csv");
      Files.writeString(file, "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
          + a.assetId() + "," + a.campus() + ",导入测试室,teacher_pc,Lenovo,M430,2016-03-01,4800,\n"
          + "LP-X-01," + a.campus() + ",办公室1,teacher_pc,Lenovo,M430,2016-13-01,4800,\n", StandardCharsets.UTF_8);
      d.get("http://127.0.0.1:" + port + "/console/#/import");
      await().atMost(Duration.ofSeconds(10)).until(() -> d.findElement(By.id("import-form")).isDisplayed());
      d.findElement(By.cssSelector("#import-form input[type=file]")).sendKeys(file.toString());
      js(d, "document.querySelector('#import-form button[type=submit]').click(); return ''");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#import-errors tbody tr") == 1);
      assertThat(text(d, "#import-errors tbody tr")).contains("2").contains("purchase_date");
      assertThat(text(d, "#import-report p")).contains("已导入 0 行");
      it.screenshot("it-import");
    }
    // nothing of the refused file was stored: the first row's asset keeps its room
    assertThat(get("/api/assets/" + a.assetId())
        .getJsonObject("asset").getString("room")).isEqualTo(a.room());
  }

  /** Verifies that a repair recorded on the device page is listed and counted in the replacement reasons and score. */
  @Test
  @Order(6)
  void recordsRepairOnDevicePage() throws Exception {
    double before = get("/api/assets/" + worn.id()).getJsonObject("replacement").getDouble("score");
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/device/" + worn.id());
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#repair-form") == 1);
      // control: no repair yet, and the reasons say so
      assertThat(count(d, "#device-no-repairs")).isEqualTo(1);
      assertThat(text(d, "#device-factors")).contains("维修 0 次");

      js(d, "const f = document.getElementById('repair-form'); f.note.value = arguments[0]; f.cost.value = '350';"
          + "f.querySelector('button[type=submit]').click(); return ''", "更换投影灯泡");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, "#device-repairs tbody tr") == 1);
      assertThat(text(d, "#device-repairs tbody tr")).contains("更换投影灯泡").contains("350").contains(USER);
      assertThat(text(d, "#device-factors")).contains("维修 1 次");
      assertThat(text(d, "#device-facts [data-fact='repairs']")).isEqualTo("1");
      // the repairs sit below the fold: bring the replacement reasons to the top so both are in the picture
      js(d, "document.getElementById('device-factors').previousElementSibling.scrollIntoView({ block: 'start' }); return ''");
      it.screenshot("it-device-repairs");
    }
    assertThat(get("/api/assets/" + worn.id()).getJsonObject("replacement").getDouble("score")).isGreaterThan(before);
  }

  /**
   * Verifies that the workflow's buttons (批准 and the next steps) and the repair form are offered to IT only: an
   * operator reads the queue and a device page but is offered nothing the hub would refuse them.
   */
  @Test
  @Order(7)
  void onlyItIsOfferedTheWorkflow() throws Exception {
    ConsoleLogin operatorLogin = ConsoleLogin.create(hub, port, new User("it-pages-operator", "值班员", Role.OPERATOR, null));
    String row = "#replacement-queue tbody tr[data-asset='" + worn.id() + "']";
    // control: IT is offered to approve the candidate
    try (BrowserSession it = new BrowserSession()) {
      WebDriver d = open(it, "#/queue");
      filter(d, watched.id(), "", "multimedia_platform", "");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, row) == 1);
      assertThat(text(d, row + " button.move[data-to='approved']")).isEqualTo("批准");
    }
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver d = operatorLogin.open(operator, "#/queue");
      filter(d, watched.id(), "", "multimedia_platform", "");
      await().atMost(Duration.ofSeconds(15)).until(() -> count(d, row) == 1);
      assertThat(text(d, row + " td.state")).startsWith("待评估");
      assertThat(count(d, "#replacement-queue button.move")).isZero();

      d.get(operatorLogin.url("#/device/" + worn.id()));
      await().atMost(Duration.ofSeconds(15)).until(() -> text(d, "#device h2").contains(worn.id()) && count(d, "#device-factors") == 1);
      assertThat(count(d, "#device button.move")).isZero();
      assertThat(count(d, "#repair-form")).isZero();
    }
  }

  private static void filter(WebDriver d, String campus, String town, String category, String flag) {
    js(d, "const f = document.getElementById('queue-filter');"
        + "f.campus.value = arguments[0]; f.town.value = arguments[1]; f.category.value = arguments[2]; f.flag.value = arguments[3];"
        + "f.querySelector('button[type=submit]').click(); return ''", campus, town, category, flag);
  }

  private static long rows(WebDriver d) {
    return count(d, "#replacement-queue tbody tr[data-asset]");
  }

  @SuppressWarnings("unchecked")
  private static List<String> cells(WebDriver d, int column) {
    return (List<String>) ((JavascriptExecutor) d).executeScript(
        "return [...document.querySelectorAll('#replacement-queue tbody tr')].map(r => r.children[arguments[0] - 1].textContent)", column);
  }

  private static List<SimDevice> of(Campus c, DeviceType type) {
    return c.devices().stream().filter(d -> d.type() == type).toList();
  }

  private static Future<Void> publish(SimDevice d, Instant at, ClassroomHealth body) {
    return devices.publish(new Emission(d.campus(), d.id(), at, body));
  }

  private static JsonObject get(String path) throws Exception {
    return login.get(path);
  }

  // The pages re-render, so they are read in one script call, never through element handles.
  private static String js(WebDriver d, String script, Object... args) {
    if (args.length == 1 && Boolean.TRUE.equals(args[0])) {
      return String.valueOf(((JavascriptExecutor) d).executeAsyncScript(script));
    }
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
