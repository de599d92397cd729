package io.campusguard.hub.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.CameraStatus;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cameras beside a panic alarm: same room or linkage group, their state now, a live-view link per camera. */
@Timeout(120)
class CamerasBesideAlarmTest {
  static final String CAMPUS = "LP-931";
  static final User ADMIN = new User("cb-admin", "", Role.ADMIN, null);
  static final User PRINCIPAL = new User("cb-pr", "", Role.PRINCIPAL, CAMPUS);

  /** Verifies that the alarm lists the room's cameras and the linkage group's, not others, with states and links. */
  @Test
  void camerasOfTheRoomAndLinkageGroup() throws Exception {
    HubConfig config = new HubConfig(null, null, null, null, null, null, null, null, null,
        new LiveView("https://video.county.example/live?channel=${nationalId}&from=${deviceId}"));
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "v" + UUID.randomUUID().toString().substring(0, 8), config);
        ScriptedGateway gw = new ScriptedGateway(CAMPUS)) {
      HubHttp http = new HubHttp(hub);
      HubHttp.Session admin = http.as(ADMIN);
      place(admin, CAMPUS + "-PB-01", "{\"campus\":\"" + CAMPUS + "\",\"building\":\"教学楼A\",\"room\":\"101\",\"linkageGroup\":\"gate\"}");
      place(admin, CAMPUS + "-CAM-01", "{\"campus\":\"" + CAMPUS + "\",\"building\":\"教学楼A\",\"room\":\"101\",\"nationalId\":\"44162300001320000001\"}");
      place(admin, CAMPUS + "-CAM-02", "{\"campus\":\"" + CAMPUS + "\",\"building\":\"大门\",\"room\":\"门卫室\",\"linkageGroup\":\"gate\",\"nationalId\":\"44162300001320000002\"}");
      place(admin, CAMPUS + "-CAM-03", "{\"campus\":\"" + CAMPUS + "\",\"building\":\"教学楼B\",\"room\":\"101\",\"nationalId\":\"44162300001320000003\"}");
      // a bad national id is refused naming the field
      HttpResponse<String> bad = admin.send("PUT", "/api/devices/" + CAMPUS + "-CAM-04/place", "{\"campus\":\"" + CAMPUS + "\",\"nationalId\":\"12\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("nationalId");

      gw.send(TestEvents.batch(CAMPUS, List.of(
          TestEvents.event(CAMPUS, CAMPUS + "-CAM-01", 1, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.ONLINE, null), Instant.now()),
          TestEvents.event(CAMPUS, CAMPUS + "-CAM-02", 2, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.OFFLINE, null), Instant.now()),
          TestEvents.panic(CAMPUS, CAMPUS + "-PB-01", 3))));
      await().atMost(Duration.ofSeconds(20)).until(() -> new JsonObject(admin.get("/api/alarms?campus=" + CAMPUS).body()).getJsonArray("alarms")
          .stream().map(a -> ((JsonObject) a).getString("type")).toList().containsAll(List.of("panic", "camera_offline")));
      long panic = new JsonObject(admin.get("/api/alarms?campus=" + CAMPUS).body()).getJsonArray("alarms").stream().map(a -> (JsonObject) a)
          .filter(a -> a.getString("type").equals("panic")).findFirst().orElseThrow().getLong("id");

      JsonArray cameras = new JsonObject(http.as(PRINCIPAL).get("/api/alarms/" + panic + "/cameras").body()).getJsonArray("cameras");

      assertThat(cameras.stream().map(c -> ((JsonObject) c).getString("id")).toList()).containsExactly(CAMPUS + "-CAM-01", CAMPUS + "-CAM-02");
      JsonObject same = cameras.getJsonObject(0);
      assertThat(same.getString("status")).isEqualTo("online");
      assertThat(same.getString("liveUrl")).isEqualTo("https://video.county.example/live?channel=44162300001320000001&from=" + CAMPUS + "-CAM-01");
      JsonObject gate = cameras.getJsonObject(1);
      assertThat(gate.getString("status")).isEqualTo("dark");
      assertThat(gate.getJsonArray("alarms").getList()).containsExactly("camera_offline");
      assertThat(gate.getString("room")).isEqualTo("门卫室");
    }
  }

  private static void place(HubHttp.Session admin, String device, String body) throws Exception {
    HttpResponse<String> r = admin.send("PUT", "/api/devices/" + device + "/place", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
