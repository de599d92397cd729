package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The device page's routes on a running hub fed by a scripted gateway: health with its reasons, telemetry facts,
 * the health trend read back from the real InfluxDB and from the real PostgreSQL, and the "reports from another
 * room" flag in the page and as a queue filter.
 */
@Timeout(120)
class DevicePageTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Verifies the device page and its trend with time series in InfluxDB. */
  @Test
  void devicePageWithInflux() throws Exception {
    devicePage(new HubConfig.Influx(TestServices.influxUrl(), TestServices.influxDb(), null, null, Duration.ofMillis(200)));
  }

  /** Verifies the same with time series in PostgreSQL (the one-box default). */
  @Test
  void devicePageWithPostgres() throws Exception {
    devicePage(null);
  }

  private static void devicePage(HubConfig.Influx influx) throws Exception {
    // a campus id of its own per run, so InfluxDB's points from an earlier run cannot answer for this one
    String campus = "LP-" + UUID.randomUUID().toString().substring(0, 6);
    String platform = campus + "-MMP-01";
    String pc = campus + "-TPC-02";
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "d" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(20), influx)) {
      Client http = new Client(new HubHttp(hub).as(new User("it-test", "", Role.IT, null)));
      String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
          + platform + "," + campus + ",初二(3)班,multimedia_platform,Hitevision,HV-86,2015-09-01,12800,\n"
          + pc + "," + campus + ",办公室1,teacher_pc,Lenovo,M430,2015-03-01,4800,\n";
      assertThat(http.send("POST", "/api/assets/import", csv).statusCode()).isEqualTo(200);

      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      try (ScriptedGateway gw = new ScriptedGateway(campus)) {
        gw.send(TestEvents.batch(campus, List.of(
            report(campus, platform, 1, now.minus(3, ChronoUnit.DAYS), 95, 0, "初二(3)班"),
            report(campus, platform, 2, now.minus(2, ChronoUnit.DAYS), 60, 2, "初二（3）班"),
            report(campus, platform, 3, now.minus(1, ChronoUnit.DAYS), 30, 5, "初二（3）班"),
            report(campus, pc, 4, now.minus(1, ChronoUnit.DAYS), 90, 0, "机房2"))));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
          JsonArray points = new JsonObject(http.get("/api/assets/" + platform + "/trend?days=30").body()).getJsonArray("points");
          assertThat(points).hasSize(3);
        });
      }

      JsonArray points = new JsonObject(http.get("/api/assets/" + platform + "/trend?days=30").body()).getJsonArray("points");
      assertThat(points.stream().map(p -> ((JsonObject) p).getInteger("diskHealth")).toList()).containsExactly(95, 60, 30);
      assertThat(points.getJsonObject(0).getInteger("health")).isGreaterThan(points.getJsonObject(1).getInteger("health"));
      assertThat(points.getJsonObject(1).getInteger("health")).isGreaterThan(points.getJsonObject(2).getInteger("health"));
      assertThat(Instant.parse(points.getJsonObject(2).getString("ts"))).isEqualTo(now.minus(1, ChronoUnit.DAYS));
      // a shorter window leaves the older reports out
      JsonObject lastDays = new JsonObject(http.get("/api/assets/" + platform + "/trend?days=2").body());
      assertThat(lastDays.getJsonArray("points")).hasSize(1);

      JsonObject page = new JsonObject(http.get("/api/assets/" + platform + "?lang=en").body());
      assertThat(page.getJsonObject("asset").getString("room")).isEqualTo("初二(3)班");
      assertThat(page.getJsonObject("facts").getInteger("diskHealth")).isEqualTo(30);
      assertThat(page.getJsonObject("facts").getInteger("crashes")).isEqualTo(5);
      assertThat(page.getJsonObject("health").getInteger("score")).isLessThan(70);
      assertThat(page.getJsonObject("health").getJsonArray("reasons").getJsonObject(0).getString("text")).contains("30");
      assertThat(page.getString("reportedRoom")).isEqualTo("初二（3）班");
      assertThat(page.getJsonArray("flags")).doesNotContain("other_room", "not_seen_30_days");
      assertThat(page.getJsonObject("replacement").getString("state")).isEqualTo("candidate");

      JsonObject moved = new JsonObject(http.get("/api/assets/" + pc).body());
      assertThat(moved.getJsonArray("flags")).contains("other_room");
      assertThat(moved.getString("reportedRoom")).isEqualTo("机房2");

      JsonArray otherRoom = new JsonObject(http.get("/api/replacement/queue?campus=" + campus + "&flag=other_room").body()).getJsonArray("queue");
      assertThat(otherRoom.stream().map(r -> ((JsonObject) r).getString("assetId")).toList()).containsExactly(pc);
      JsonArray all = new JsonObject(http.get("/api/replacement/queue?campus=" + campus).body()).getJsonArray("queue");
      assertThat(all).hasSize(2);

      assertThat(http.get("/api/replacement/queue?flag=bogus").statusCode()).isEqualTo(400);
      assertThat(http.get("/api/assets/" + campus + "-NONE").statusCode()).isEqualTo(404);
      assertThat(http.get("/api/assets/" + platform + "/trend?days=0").statusCode()).isEqualTo(400);
    }
  }

  private static EventEnvelope report(String campus, String device, long seq, Instant at, int disk, int crashes, String room) {
    ClassroomHealth body = new ClassroomHealth(ClassroomHealth.DeviceType.MULTIMEDIA_PLATFORM, 20_000 + seq, 3_000L, null, disk, 0, crashes, 45.0, null, room);
    return TestEvents.event(campus, device, seq, body, at);
  }

  private record Client(HubHttp.Session session) {
    HttpResponse<String> get(String path) throws Exception {
      return session.get(path);
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
      return HTTP.send(session.request(path, method, body).setHeader("Content-Type", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
