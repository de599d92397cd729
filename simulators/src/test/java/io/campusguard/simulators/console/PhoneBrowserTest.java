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
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The principal's phone (390 × 844, headless Chromium) against a real hub, gateway, Mosquitto and PostgreSQL: the
 * principal's own campus, the alarm opened from a notice's link with its procedure and the cameras beside it,
 * acknowledged with a note with the thumb; and the duty roster page an administrator saves. Screenshots go to
 * {@code target/screenshots/} with the console's others.
 */
@Timeout(300)
class PhoneBrowserTest {
  private static final String CAMPUS = "LP-017";
  private static final Clock CLOCK = Clock.systemUTC();

  private static Vertx vertx;
  private static ScheduledExecutorService scheduler;
  private static Hub hub;
  private static County county;
  private static FleetPublisher devices;
  private static InProcessGateway gateway;
  private static ConsoleLogin principal;
  private static ConsoleLogin admin;

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String db = "phone_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(TestServices.pgUrl(), TestServices.pgUser(), TestServices.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String base = TestServices.pgUrl();
    int port = FreePorts.pick();
    HubConfig config = new ConfigLoader().parse(String.join("\n",
        "http: { port: " + port + " }",
        "database: { url: \"" + base.substring(0, base.lastIndexOf('/') + 1) + db + "\", user: \"" + TestServices.pgUser() + "\" }",
        "mqtt: { url: \"" + TestServices.mqttUrl() + "\", user: \"" + TestServices.mqttUser() + "\", password: \"" + TestServices.mqttPassword() + "\" }",
        "embedded: { dataDir: \"" + dir.resolve("hub") + "\" }",
        "video: { liveUrlTemplate: \"https://video.county.example/live?channel=${nationalId}\" }", ""), "CG_TEST_HUB", Map.of(), HubConfig.class);
    hub = Hub.start(config).await(2, TimeUnit.MINUTES);
    principal = ConsoleLogin.create(hub, port, new User("principal-phone", "张校长", Role.PRINCIPAL, CAMPUS));
    admin = ConsoleLogin.create(hub, port, new User("admin-roster", "管理员", Role.ADMIN, null));
    county = CountyScenario.generate(2025).only(List.of(CAMPUS));
    hub.registerCampuses(county.campuses().stream().map(c -> new Hub.CampusInfo(c.id(), c.name(), c.town())).toList()).await(30, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    scheduler = Executors.newScheduledThreadPool(2);
    Campus campus = county.byId().get(CAMPUS);
    gateway = InProcessGateway.start(campus, TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), dir.resolve("gw"), vertx, scheduler, CLOCK);
    URI broker = URI.create(TestServices.mqttUrl());
    devices = new FleetPublisher(vertx, new EventCodec(CLOCK), broker.getHost(), broker.getPort(), TestServices.mqttUser(), TestServices.mqttPassword());
    devices.connect(List.of(CAMPUS)).await(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.gateway().health().connectors().values().stream().allMatch(s -> s.name().equals("UP")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (devices != null) {
      devices.close().await(10, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
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

  /** Verifies the principal's path at phone size: the alarm card fits, the link opens the alarm first, acknowledged with a note. */
  @Test
  void principalAcknowledgesFromThePhone() throws Exception {
    SimDevice button = county.byId().get(CAMPUS).devices().stream()
        .filter(d -> d.type() == io.campusguard.devices.profile.DeviceType.PANIC_BUTTON).findFirst().orElseThrow();
    SimDevice camera = county.byId().get(CAMPUS).devices().stream()
        .filter(d -> d.type() == io.campusguard.devices.profile.DeviceType.CAMERA).findFirst().orElseThrow();
    try (BrowserSession phone = new BrowserSession()) {
      phone.driver().manage().window().setSize(new Dimension(390, 844));
      WebDriver d = principal.open(phone, "#/alarms");
      // the camera in the button's room, as an administrator registers it
      placeDevice(button.id(), "{\"campus\":\"" + CAMPUS + "\",\"building\":\"教学楼\",\"room\":\"一楼大厅\"}");
      placeDevice(camera.id(), "{\"campus\":\"" + CAMPUS + "\",\"building\":\"教学楼\",\"room\":\"一楼大厅\",\"nationalId\":\"44162300001320000017\"}");

      devices.publish(new Emission(CAMPUS, button.id(), CLOCK.instant(), new PanicEvent(PanicEvent.Action.PRESSED))).await(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "tr[data-alarm]") >= 1);
      String id = js(d, "return document.querySelector('tr[data-alarm]').dataset.alarm");
      phone.screenshot("phone-principal-alarm-queue");

      // usable at 390 px: nothing wider than the screen, the acknowledge button big enough for a thumb
      assertThat(Long.parseLong(js(d, "return String(document.documentElement.scrollWidth)"))).isLessThanOrEqualTo(390);
      assertThat(Double.parseDouble(js(d, "return String(document.querySelector('tr[data-alarm] button.ack').getBoundingClientRect().height)")))
          .isGreaterThanOrEqualTo(44);
      // a principal is offered the principal's pages only
      assertThat(js(d, "return String(document.getElementById('nav-roster').hidden)")).isEqualTo("true");

      // the link in the SMS / WeCom notice opens the alarm first, above the queue, with its procedure and the camera
      d.get(principal.url("#/alarms/" + id));
      await().atMost(Duration.ofSeconds(15)).until(() -> "false".equals(js(d, "const e = document.getElementById('alarm-detail'); return String(!e || e.hidden)")));
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "#cameras-beside li.camera") == 1);
      assertThat(Double.parseDouble(js(d, "return String(document.getElementById('alarm-detail').getBoundingClientRect().top)")))
          .isLessThan(Double.parseDouble(js(d, "return String(document.getElementById('alarm-queue').getBoundingClientRect().top)")));
      assertThat(count(d, "#alarm-detail ol.procedure-steps li")).isGreaterThan(0);
      assertThat(js(d, "return document.querySelector('#cameras-beside a.live').href")).isEqualTo("https://video.county.example/live?channel=44162300001320000017");
      assertThat(Long.parseLong(js(d, "return String(document.documentElement.scrollWidth)"))).isLessThanOrEqualTo(390);
      phone.screenshot("phone-principal-alarm-detail");

      d.findElement(By.id("ack-note")).sendKeys("已到现场，是学生误按");
      d.findElement(By.cssSelector("button.ack-detail")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> "acknowledged".equals(principal.get("/api/alarms/" + id).getString("state")));
      JsonObject acked = principal.get("/api/alarms/" + id);
      assertThat(acked.getString("ackedBy")).isEqualTo("principal-phone");
      assertThat(acked.getString("note")).isEqualTo("已到现场，是学生误按");
      phone.screenshot("phone-principal-acknowledged");
    }
  }

  /** Verifies that an administrator saves the first duty roster on its page and sees it in force as version 1. */
  @Test
  void administratorSavesTheRoster() throws Exception {
    try (BrowserSession desk = new BrowserSession()) {
      WebDriver d = admin.open(desk, "#/roster");
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "#roster-missing") == 1 && count(d, "#roster-json") == 1);
      String roster = new JsonObject().put("calendar", new JsonObject().put("dayStarts", "07:30").put("dayEnds", "18:00"))
          .put("duties", new io.vertx.core.json.JsonArray().add(new JsonObject().put("campus", CAMPUS).put("level", 1)
              .put("person", new JsonObject().put("name", "张校长").put("mobile", "13800000017").put("channels", new io.vertx.core.json.JsonArray().add("sms")))))
          .put("fallback", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "县安全中心").put("mobile", "13600000000")
              .put("channels", new io.vertx.core.json.JsonArray().add("sms")))).encodePrettily();
      // a mistake first: the page says where it is
      ((JavascriptExecutor) d).executeScript("document.getElementById('roster-json').value = arguments[0]", roster.replace("\"level\" : 1", "\"level\" : 7"));
      d.findElement(By.id("roster-save")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> js(d, "return document.getElementById('roster-error').textContent").contains("duties[0].level"));
      ((JavascriptExecutor) d).executeScript("document.getElementById('roster-json').value = arguments[0]", roster);
      d.findElement(By.id("roster-note")).sendKeys("秋季学期值班表");
      d.findElement(By.id("roster-save")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> count(d, "#roster-duties tbody tr") == 1);
      assertThat(js(d, "return document.getElementById('roster-version').textContent")).contains("第 1 版", "admin-roster", "秋季学期值班表");
      desk.screenshot("console-duty-roster");
      assertThat(admin.get("/api/roster").getInteger("version")).isEqualTo(1);
    }
  }

  private static void placeDevice(String device, String body) throws Exception {
    assertThat(admin.send("PUT", "/api/devices/" + device + "/place", body).statusCode()).isEqualTo(200);
  }

  private static String js(WebDriver d, String script) {
    return String.valueOf(((JavascriptExecutor) d).executeScript(script));
  }

  private static long count(WebDriver d, String css) {
    return Long.parseLong(String.valueOf(((JavascriptExecutor) d).executeScript("return String(document.querySelectorAll(arguments[0]).length)", css)));
  }
}
