package io.campusguard.simulators.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
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
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The safety-centre console in headless Chromium against a real hub, real gateways and the real Mosquitto and
 * PostgreSQL: a device's panic press appears in the live queue within a second, flashing; an operator
 * acknowledges it and a second operator's browser sees it; the wall tile turns red; after a hub outage the page
 * reconnects and catches up without showing anything twice. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(300)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final List<String> CAMPUSES = List.of("LP-017", "LP-042", "LP-101");
  private static final Clock CLOCK = Clock.systemUTC();

  private static Vertx vertx;
  private static ScheduledExecutorService scheduler;
  private static HubConfig hubConfig;
  private static Hub hub;
  private static County county;
  private static FleetPublisher devices;
  private static final List<InProcessGateway> gateways = new ArrayList<>();
  private static int port;
  private static ConsoleLogin login;
  private static ConsoleLogin colleagueLogin;

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String db = "console_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    port = FreePorts.pick();
    hubConfig = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + port + " }",
        "database: { url: \"" + base.substring(0, base.lastIndexOf('/') + 1) + db + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);
    login = ConsoleLogin.create(hub, port, new User("op-console", "值班员甲", Role.OPERATOR, null));
    colleagueLogin = ConsoleLogin.create(hub, port, new User("op-colleague", "值班员乙", Role.OPERATOR, null));
    county = CountyScenario.generate(2025).only(CAMPUSES);
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList()).await(30, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    scheduler = Executors.newScheduledThreadPool(2);
    for (Campus c : county.campuses()) {
      gateways.add(InProcessGateway.start(c, TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), dir.resolve("gw"), vertx, scheduler, CLOCK));
    }
    URI broker = URI.create(TestServices.mqttUrl());
    devices = new FleetPublisher(vertx, new EventCodec(CLOCK), broker.getHost(), broker.getPort(), TestServices.mqttUser(), TestServices.mqttPassword());
    devices.connect(CAMPUSES).await(30, TimeUnit.SECONDS);
    // Every campus's link is up before the browsers look.
    await().atMost(Duration.ofSeconds(30)).until(() -> gateways.stream().allMatch(g -> g.gateway().health().connectors().values().stream().allMatch(s -> s.name().equals("UP"))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (devices != null) {
      devices.close().await(10, TimeUnit.SECONDS);
    }
    gateways.forEach(InProcessGateway::close);
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  /** Verifies the operator's path: a press shows within a second, flashing; acknowledging it shows in a second browser; the wall is red. */
  @Test
  @org.junit.jupiter.api.Order(1)
  void panicPressReachesTheQueueAndIsAcknowledged() throws Exception {
    try (BrowserSession operator = new BrowserSession(); BrowserSession colleague = new BrowserSession()) {
      WebDriver a = login.open(operator, "#/alarms");
      WebDriver b = colleagueLogin.open(colleague, "#/alarms");
      SimDevice button = button("LP-042");

      assertThat(rowsFor(a, button.id())).isZero();
      Instant pressedAt = press(button);
      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> rowsFor(a, button.id()) == 1);
      long shownAfterMs = Duration.between(pressedAt, Instant.now()).toMillis();
      System.out.println("panic press shown in the console after " + shownAfterMs + " ms");

      String id = alarmId(a, button.id());
      String row = "tr[data-alarm='" + id + "']";
      assertThat(text(a, row)).contains("P0").contains("一键报警").contains(button.id());
      assertThat(js(a, "return document.querySelector(arguments[0]).className", row)).contains("unacked");
      assertThat(a.findElement(By.id("flash")).isDisplayed()).isTrue();
      operator.screenshot("console-p0-arrived");

      js(a, "document.querySelector(arguments[0] + ' button.ack').click(); return ''", row);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(b, row + " td.state")).contains("已确认"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(
          () -> assertThat(js(a, "return document.querySelector(arguments[0]).className", row)).doesNotContain("unacked"));
      colleague.screenshot("console-acknowledged-seen-by-colleague");

      b.get(consoleUrl("#/wall"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(
          () -> assertThat(js(b, "return document.querySelector(\"a.tile[data-campus='LP-042']\").dataset.colour")).isEqualTo("red"));
      // A campus without presses is not red; it is green, or yellow when the hub counts a degraded device or a
      // lower alarm there, and the tile shows exactly the hub's colour.
      // (a change of its colour reaches the page through the stream, after the hub has it)
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        io.vertx.core.json.JsonObject quiet = campusStatus("LP-017");
        assertThat(quiet.getString("colour")).as(quiet.encode()).isNotEqualTo("red");
        assertThat(js(b, "return document.querySelector(\"a.tile[data-campus='LP-017']\").dataset.colour"))
            .as(quiet.encode()).isEqualTo(quiet.getString("colour"));
      });
      colleague.screenshot("console-wall");
    }
  }

  /** Verifies that after the hub goes away and comes back the page reconnects, catches up, and shows nothing twice. */
  @Test
  @org.junit.jupiter.api.Order(2)
  void reconnectsAfterAHubOutageWithoutDuplicates() throws Exception {
    try (BrowserSession operator = new BrowserSession()) {
      WebDriver a = login.open(operator, "#/alarms");
      press(button("LP-101"));
      await().atMost(Duration.ofSeconds(5)).until(() -> rowsFor(a, "LP-101") == 1);

      hub.stop().await(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> a.findElement(By.id("stream-state")).getAttribute("class").contains("down"));
      // Pressed while the hub is down: the gateway keeps it and delivers it late.
      SimDevice other = county.byId().get("LP-017").devices().stream().filter(d -> d.type() == io.campusguard.devices.profile.DeviceType.PANIC_BUTTON).skip(1).findFirst().orElseThrow();
      press(other);
      hub = Hub.start(hubConfig).await(2, TimeUnit.MINUTES);

      await().atMost(Duration.ofSeconds(30)).until(() -> rowsFor(a, other.id()) == 1);
      assertThat(a.findElement(By.id("stream-state")).getAttribute("class")).contains("up");
      assertThat(rowsFor(a, "LP-101")).isEqualTo(1);
      assertThat(js(a, "const ids = [...document.querySelectorAll('tr[data-alarm]')].map(r => r.dataset.alarm); return ids.length === new Set(ids).size && ids.length > 0", ""))
          .isEqualTo("true");
      operator.screenshot("console-after-reconnect");
    }
  }

  /** Verifies that a principal's console shows its own campus only and no IT pages, and that signing out ends the session. */
  @Test
  @org.junit.jupiter.api.Order(3)
  void principalSeesOwnCampusAndSignsOut() throws Exception {
    ConsoleLogin principal = ConsoleLogin.create(hub, port, new User("pr-lp-042", "校长", Role.PRINCIPAL, "LP-042"));
    try (BrowserSession session = new BrowserSession()) {
      WebDriver d = principal.open(session, "#/wall");
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(js(d, "return [...document.querySelectorAll('a.tile')].map(a => a.dataset.campus).join(',')")).isEqualTo("LP-042"));
      assertThat(js(d, "return document.getElementById('nav-queue').hidden")).isEqualTo("true");
      assertThat(js(d, "return document.getElementById('nav-alarms').hidden")).isEqualTo("false");
      session.screenshot("console-principal-wall");

      js(d, "document.getElementById('logout').click(); return ''");
      await().atMost(Duration.ofSeconds(5)).until(() -> js(d, "return document.getElementById('view-login').hidden").equals("false"));
      // over on the hub too: a reload asks for the password again
      d.navigate().refresh();
      await().atMost(Duration.ofSeconds(10)).until(() -> js(d, "return document.getElementById('view-login').hidden").equals("false"));
      assertThat(js(d, "return document.querySelector('header.top').hidden")).isEqualTo("true");
      // hidden in the page, not only in the DOM: a stylesheet's display rule must not show the bar under the login box
      assertThat(js(d, "return getComputedStyle(document.querySelector('header.top')).display")).isEqualTo("none");
    }
  }

  // The queue is re-rendered on every change, so the page is read in one script call, never through element handles.
  private static String js(WebDriver d, String script, Object... args) {
    return String.valueOf(((org.openqa.selenium.JavascriptExecutor) d).executeScript(script, args));
  }

  private static String text(WebDriver d, String css) {
    return js(d, "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
  }

  private static String alarmId(WebDriver d, String device) {
    return js(d, "return [...document.querySelectorAll('tr[data-alarm]')].find(r => r.textContent.includes(arguments[0])).dataset.alarm", device);
  }

  private static long rowsFor(WebDriver d, String device) {
    return Long.parseLong(js(d, "return [...document.querySelectorAll('tr[data-alarm]')].filter(r => r.textContent.includes(arguments[0])).length", device));
  }

  private static SimDevice button(String campus) {
    return county.byId().get(campus).devices().stream().filter(d -> d.type() == io.campusguard.devices.profile.DeviceType.PANIC_BUTTON).findFirst().orElseThrow();
  }

  private static Instant press(SimDevice button) throws Exception {
    Instant at = CLOCK.instant();
    devices.publish(new Emission(button.campus(), button.id(), at, new PanicEvent(PanicEvent.Action.PRESSED))).await(30, TimeUnit.SECONDS);
    return at;
  }

  private static io.vertx.core.json.JsonObject campusStatus(String campus) throws Exception {
    return login.get("/api/campuses/" + campus);
  }

  private static String consoleUrl(String fragment) {
    return "http://127.0.0.1:" + port + "/console/" + fragment;
  }

}
