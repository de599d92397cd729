package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Test mode end to end on the real PostgreSQL and Mosquitto: a hub, a scripted gateway, the REST API. */
@Timeout(120)
class PanicTestModeTest {
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "t" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that a press inside the window goes to the ledger and raises nothing, and a press outside it raises the P0 alarm. */
  @Test
  void pressInsideWindowIsATestAndOutsideIsAnAlarm() throws Exception {
    String campus = "LP-601";
    HttpResponse<String> opened = post("/api/campuses/" + campus + "/test-mode", "{\"minutes\":30}");
    assertThat(opened.statusCode()).isEqualTo(200);
    JsonObject mode = new JsonObject(opened.body());
    assertThat(mode.getBoolean("active")).isTrue();
    assertThat(mode.getString("startedBy")).isEqualTo("op-li");
    assertThat(Duration.between(Instant.parse(mode.getString("from")), Instant.parse(mode.getString("until")))).isEqualTo(Duration.ofMinutes(30));

    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      // given a press inside the window
      gw.send(TestEvents.batch(campus, List.of(
          TestEvents.event(campus, campus + "-PB-01", 1, new PanicEvent(PanicEvent.Action.PRESSED), Instant.now()))));
      // then it is in the quarter's ledger (written in the same transaction that applies the event)...
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/campuses/" + campus + "/test-mode").body()).getJsonArray("ledger")).hasSize(1));
      JsonObject entry = new JsonObject(get("/api/campuses/" + campus + "/test-mode").body()).getJsonArray("ledger").getJsonObject(0);
      assertThat(entry.getString("device")).isEqualTo(campus + "-PB-01");
      assertThat(entry.getInteger("tests")).isEqualTo(1);
      // ...and no alarm was opened, nothing is in the live queue, the campus stays green
      assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "'")).isZero();
      assertThat(new JsonObject(get("/api/alarms?state=active&campus=" + campus).body()).getJsonArray("alarms")).isEmpty();
      assertThat(new JsonObject(get("/api/campuses/" + campus).body()).getString("colour")).isEqualTo("green");

      // when another button is pressed before the window opened (delivered now, after an outage)
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, campus + "-PB-02", 2, new PanicEvent(PanicEvent.Action.PRESSED),
          Instant.now().minus(Duration.ofMinutes(10))))));
      // then it raises the P0 alarm as always
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/alarms?state=active&campus=" + campus).body()).getJsonArray("alarms")).hasSize(1));
      JsonObject alarm = new JsonObject(get("/api/alarms?state=active&campus=" + campus).body()).getJsonArray("alarms").getJsonObject(0);
      assertThat(alarm.getString("severity")).isEqualTo("P0");
      assertThat(alarm.getString("device")).isEqualTo(campus + "-PB-02");
      assertThat(db.count("SELECT count(*) FROM panic_tests WHERE campus_id = '" + campus + "'")).isEqualTo(1);
    }

    // the board counts one of the two buttons as tested this quarter
    JsonObject board = new JsonObject(get("/api/board?campus=" + campus).body());
    JsonObject row = board.getJsonArray("campuses").getJsonObject(0);
    assertThat(row.getJsonObject("panicTested").getInteger("ok")).isEqualTo(1);
    assertThat(row.getJsonObject("panicTested").getInteger("total")).isEqualTo(2);
    assertThat(row.getJsonArray("panicUntested").getList()).containsExactly(campus + "-PB-02");
    assertThat(row.getString("testModeUntil")).isNotNull();
  }

  /**
   * Verifies that an operator can end a window early: it is audited with who ended it, a press inside the window
   * before the end stays a test, and a press after the end raises the real P0 alarm again.
   */
  @Test
  void endingTestModeEarlyRaisesRealAlarmsAgain() throws Exception {
    String campus = "LP-603";
    // control: with no window open there is nothing to end
    HttpResponse<String> nothing = post("/api/campuses/" + campus + "/test-mode/end", "");
    assertThat(nothing.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(nothing.body()).getString("error")).contains("no test window open");

    assertThat(post("/api/campuses/" + campus + "/test-mode", "{\"minutes\":60}").statusCode()).isEqualTo(200);
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      Instant duringWindow = Instant.now();
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, campus + "-PB-01", 1, new PanicEvent(PanicEvent.Action.PRESSED), duringWindow))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/campuses/" + campus + "/test-mode").body()).getJsonArray("ledger")).hasSize(1));

      HttpResponse<String> ended = post("/api/campuses/" + campus + "/test-mode/end", "");
      assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
      JsonObject mode = new JsonObject(ended.body());
      assertThat(mode.getBoolean("active")).isFalse();
      assertThat(mode.getJsonObject("endedEarly").getString("by")).isEqualTo("op-li");
      assertThat(new JsonObject(get("/api/board?campus=" + campus).body()).getJsonArray("campuses").getJsonObject(0).getString("testModeUntil")).isNull();
      assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'op-li' AND action = 'panic_test_mode.end' AND target = 'campus/" + campus + "'"))
          .isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM panic_test_windows WHERE campus_id = '" + campus + "' AND ended_early_by = 'op-li' AND ends_at < now()"))
          .isEqualTo(1);

      // a press after the end is an emergency again
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, campus + "-PB-02", 2, new PanicEvent(PanicEvent.Action.PRESSED), Instant.now()))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/alarms?state=active&campus=" + campus).body()).getJsonArray("alarms")).hasSize(1));
      JsonObject alarm = new JsonObject(get("/api/alarms?state=active&campus=" + campus).body()).getJsonArray("alarms").getJsonObject(0);
      assertThat(alarm.getString("severity")).isEqualTo("P0");
      assertThat(alarm.getString("device")).isEqualTo(campus + "-PB-02");
      // and a press made inside the window but delivered after the end is still judged by the window: a test
      gw.send(TestEvents.batch(campus, List.of(TestEvents.event(campus, campus + "-PB-03", 3, new PanicEvent(PanicEvent.Action.PRESSED),
          duringWindow.plusMillis(1)))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/campuses/" + campus + "/test-mode").body()).getJsonArray("ledger")).hasSize(2));
      assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "'")).isEqualTo(1);
    }
    // ending again finds nothing open
    assertThat(post("/api/campuses/" + campus + "/test-mode/end", "").statusCode()).isEqualTo(409);
  }

  /** Verifies that a window without a sensible length is refused and opens nothing. */
  @Test
  void refusesBadMinutes() throws Exception {
    assertThat(post("/api/campuses/LP-602/test-mode", "{\"minutes\":0}").statusCode()).isEqualTo(400);
    assertThat(post("/api/campuses/LP-602/test-mode", "{\"minutes\":100000}").statusCode()).isEqualTo(400);
    assertThat(post("/api/campuses/LP-602/test-mode", "{}").statusCode()).isEqualTo(400);
    assertThat(new JsonObject(get("/api/campuses/LP-602/test-mode").body()).getBoolean("active")).isFalse();
    assertThat(db.count("SELECT count(*) FROM panic_test_windows WHERE campus_id = 'LP-602'")).isZero();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return new HubHttp(hub).get(path);
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return new HubHttp(hub).send("POST", path, body, "op-li");
  }
}
