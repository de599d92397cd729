package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The campus page's timeline end to end on the real PostgreSQL and Mosquitto: a scripted gateway's link lost and
 * restored, a press acknowledged by an operator, a local alarm, a test window ended early, and readings that must
 * not appear; read newest first in pages.
 */
@Timeout(120)
class CampusTimelineApiTest {
  private static final Duration REPORTING_TIME = Duration.ofSeconds(2);
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "tl" + UUID.randomUUID().toString().substring(0, 8), REPORTING_TIME);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that the timeline holds each kind of entry with who acted, newest first, and that pages neither repeat nor skip. */
  @Test
  void timelineShowsWhatHappenedNewestFirstInPages() throws Exception {
    String campus = "LP-701";
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.status(GatewayHealth.State.STARTED);
      gw.status(GatewayHealth.State.OFFLINE);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "' AND type = 'link_lost' AND state = 'open'")).isEqualTo(1));
      gw.status(GatewayHealth.State.HEARTBEAT);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "' AND type = 'link_lost' AND state = 'resolved'")).isEqualTo(1));

      Instant now = Instant.now();
      gw.send(TestEvents.batch(campus, List.of(
          TestEvents.event(campus, campus + "-PB-01", 1, new PanicEvent(PanicEvent.Action.PRESSED), now),
          TestEvents.event(campus, campus + "-CS-01", 2, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.0), now),
          TestEvents.event(campus, campus + "-CS-01", 3, new LocalAlarm("cold_store_high", LocalAlarm.Transition.RAISED, 11.5, "above 8"), now),
          TestEvents.event(campus, campus + "-CS-01", 4, new LocalAlarm("cold_store_high", LocalAlarm.Transition.RAISED, 11.7, "above 8"),
              now.plusMillis(5)))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = '" + campus + "' AND state = 'open'")).isEqualTo(2);
        assertThat(db.count("SELECT coalesce(max(occurrences), 0) FROM alarms WHERE campus_id = '" + campus + "' AND type = 'cold_store_high'")).isEqualTo(2);
      });
      long panic = db.count("SELECT id FROM alarms WHERE campus_id = '" + campus + "' AND type = 'panic'");
      assertThat(post("/api/alarms/" + panic + "/ack", "{\"note\":\"guard room called\"}").statusCode()).isEqualTo(200);
      assertThat(post("/api/campuses/" + campus + "/test-mode", "{\"minutes\":30}").statusCode()).isEqualTo(200);
      assertThat(post("/api/campuses/" + campus + "/test-mode/end", "").statusCode()).isEqualTo(200);
    }

    JsonObject first = get("/api/campuses/" + campus + "/timeline?limit=200");
    List<JsonObject> all = entries(first);
    assertThat(first.getString("next")).isNull();
    // newest first
    for (int i = 1; i < all.size(); i++) {
      assertThat(Instant.parse(all.get(i - 1).getString("at"))).isAfterOrEqualTo(Instant.parse(all.get(i).getString("at")));
    }
    // link lost and restored: the link-lost alarm opened, then resolved by the hub when heartbeats resumed
    assertThat(all).filteredOn(e -> "link_lost".equals(e.getString("alarmType"))).extracting(e -> e.getString("what") + "/" + e.getString("actor"))
        .containsExactly("resolved/system", "opened/system");
    assertThat(all).anySatisfy(e -> {
      assertThat(e.getString("what")).isEqualTo("acknowledged");
      assertThat(e.getString("actor")).isEqualTo("op-wu");
      assertThat(e.getString("note")).isEqualTo("guard room called");
    });
    assertThat(all).anySatisfy(e -> {
      assertThat(e.getString("source")).isEqualTo("event");
      assertThat(e.getString("what")).isEqualTo("panic");
      assertThat(e.getJsonObject("body").getString("action")).isEqualTo("pressed");
    });
    // the gateway's local alarm, once: opened (its repeat is counted on the alarm, not listed)
    assertThat(all).filteredOn(e -> "cold_store_high".equals(e.getString("alarmType"))).extracting(e -> e.getString("what"))
        .containsExactly("opened");
    assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = '" + campus + "' AND type = 'cold_store_high'")).isEqualTo(2);
    assertThat(all).filteredOn(e -> "event".equals(e.getString("source"))).extracting(e -> e.getString("what")).containsOnly("panic");
    assertThat(all).filteredOn(e -> "test_mode".equals(e.getString("source"))).extracting(e -> e.getString("what") + "/" + e.getString("actor"))
        .containsExactly("ended_early/op-wu", "started/op-wu");
    // telemetry is not a happening
    assertThat(all).noneSatisfy(e -> assertThat(e.getString("what")).isIn("canteen", "repeated"));

    // paged two at a time: the same entries, each once, in the same order
    List<JsonObject> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      JsonObject page = get("/api/campuses/" + campus + "/timeline?limit=2" + (next == null ? "" : "&before=" + java.net.URLEncoder.encode(next, "UTF-8")));
      paged.addAll(entries(page));
      next = page.getString("next");
      pages++;
    } while (next != null && pages < 50);
    assertThat(paged).isEqualTo(all);
    assertThat(new HashSet<>(paged)).hasSameSizeAs(paged);

    // another campus's timeline holds none of it
    assertThat(entries(get("/api/campuses/LP-702/timeline"))).isEmpty();
  }

  /** Verifies that bad paging parameters are refused with the field's name. */
  @Test
  void badParametersAreRefused() throws Exception {
    assertThat(status("/api/campuses/LP-701/timeline?limit=0")).isEqualTo(400);
    assertThat(status("/api/campuses/LP-701/timeline?limit=201")).isEqualTo(400);
    assertThat(status("/api/campuses/LP-701/timeline?limit=x")).isEqualTo(400);
    assertThat(status("/api/campuses/LP-701/timeline?before=yesterday")).isEqualTo(400);
    assertThat(status("/api/campuses/LP-701/timeline?before=2026-11-28T00:00:00Z%7Cx;drop")).isEqualTo(400);
    assertThat(status("/api/campuses/LP-701/timeline?limit=5")).isEqualTo(200);
  }

  private static List<JsonObject> entries(JsonObject page) {
    JsonArray a = page.getJsonArray("entries");
    List<JsonObject> out = new ArrayList<>();
    a.forEach(o -> out.add((JsonObject) o));
    return out;
  }

  private static int status(String path) throws Exception {
    return new HubHttp(hub).get(path).statusCode();
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = new HubHttp(hub).get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return new HubHttp(hub).send("POST", path, body, "op-wu");
  }
}
