package io.campusguard.hub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.CameraStatus;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's state backed up with Debian's pg_dump (custom format) while the hub runs, restored with pg_restore into
 * a fresh database, and served again by a new hub: the procedure of docs/en/backup-restore.md.
 */
@Timeout(300)
class PostgresBackupRestoreTest {
  /** Long enough that no campus's link is judged lost while the test runs (the scripted gateway sends no status). */
  private static final Duration REPORTING = Duration.ofMinutes(10);

  @TempDir Path dir;

  /**
   * Verifies that after dump and restore a hub serves the same alarms (ids, states, history), the same assets with
   * their repairs and the same users, that the restored users can sign in with their passwords, and that new alarms
   * continue the restored id sequence instead of colliding with it.
   */
  @Test
  void restoredDatabaseServesTheSameAlarmsAssetsAndLogins() throws Exception {
    String campus = "LP-B" + UUID.randomUUID().toString().substring(0, 6);
    String group = "b" + UUID.randomUUID().toString().substring(0, 8);
    Path dump = dir.resolve("hub.dump");
    Map<Long, JsonObject> alarmsBefore = new LinkedHashMap<>();
    Map<String, JsonObject> assetsBefore = new LinkedHashMap<>();
    JsonArray usersBefore;
    String operatorPassword;
    String principalPassword;

    try (TestDatabase source = new TestDatabase(); TestDatabase restored = new TestDatabase()) {
      try (TestHub hub = new TestHub(source.config(), group, REPORTING)) {
        HubHttp http = new HubHttp(hub);
        HubHttp.Session it = http.as(new User("it-backup", "", Role.IT, null));

        // given users made by the administrator, each with a password shown once
        operatorPassword = createUser(http, new JsonObject().put("id", "op-" + campus).put("displayName", "值班员").put("role", "operator"));
        // the principal's campus registered first (a principal of an unknown campus is refused)
        assertThat(http.send("PUT", "/api/campuses/" + campus, "{\"name\":\"连平县某小学\",\"town\":\"元善镇\"}", null).statusCode())
            .isEqualTo(200);
        principalPassword = createUser(http,
            new JsonObject().put("id", "head-" + campus).put("displayName", "校长").put("role", "principal").put("campus", campus));

        // alarms in every state, with history: resolved and acknowledged panics, an open camera outage
        try (ScriptedGateway gateway = new ScriptedGateway(campus)) {
          gateway.send(TestEvents.batch(campus, List.of(
              TestEvents.panic(campus, campus + "-PB-01", 1),
              TestEvents.panic(campus, campus + "-PB-02", 2),
              TestEvents.event(campus, campus + "-CAM-01", 3,
                  new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.OFFLINE, null), Instant.now()),
              TestEvents.reading(campus, campus + "-CS-01", 4, 3.5))));
          await().atMost(Duration.ofSeconds(60)).until(() -> alarms(http, campus).size() == 3);
        }
        long resolved = alarmOf(http, campus, campus + "-PB-01");
        long acknowledged = alarmOf(http, campus, campus + "-PB-02");
        assertThat(http.send("POST", "/api/alarms/" + resolved + "/ack", "{\"note\":\"门卫已核实\"}", "op-zhang").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/api/alarms/" + resolved + "/resolve", "{\"note\":\"学生误按\"}", "op-zhang").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/api/alarms/" + acknowledged + "/ack", "{\"note\":\"calling the guard room\"}", "op-li").statusCode())
            .isEqualTo(200);

        // assets, one with repairs
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> assets = List.of(campus + "-TPC-01", campus + "-MMP-01");
        String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
            + assets.get(0) + "," + campus + ",办公室1,teacher_pc,Lenovo,M430," + today.minusYears(6) + ",4800,\n"
            + assets.get(1) + "," + campus + ",三年级一班,multimedia_platform,Seewo,F86EA," + today.minusYears(3) + ",3200.50," + today.plusYears(1) + "\n";
        HttpResponse<String> imported = send(it, "POST", "/api/assets/import", csv, "text/csv");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        for (int i = 1; i <= 2; i++) {
          HttpResponse<String> repair = send(it, "POST", "/api/assets/" + assets.get(0) + "/repairs",
              new JsonObject().put("repairedOn", today.minusDays(i).toString()).put("note", "更换电源 " + i).put("cost", 120).encode(),
              "application/json");
          assertThat(repair.statusCode()).as(repair.body()).isEqualTo(201);
        }

        // what the hub serves before the backup
        for (JsonObject a : alarms(http, campus)) {
          alarmsBefore.put(a.getLong("id"), alarm(http, a.getLong("id")));
        }
        for (String asset : assets) {
          assetsBefore.put(asset, assetView(it, asset));
        }
        usersBefore = users(http);
        assertThat(alarmsBefore.values()).extracting(a -> a.getString("state"))
            .containsExactlyInAnyOrder("resolved", "acknowledged", "open");
        assertThat(alarmsBefore.get(resolved).getJsonArray("history")).hasSize(3);
        assertThat(assetsBefore.get(assets.get(0)).getJsonArray("repairs")).hasSize(2);

        // when it is backed up while the hub runs (pg_dump reads one consistent snapshot)
        PostgresTools.dump(source.config(), dump);
      }
      assertThat(Files.size(dump)).isPositive();

      // and restored into a fresh database, on which a new hub starts
      PostgresTools.restore(dump, restored.config());
      assertThat(restored.count("SELECT count(*) FROM alarms")).isEqualTo(3);
      try (TestHub hub = new TestHub(restored.config(), group, REPORTING)) {
        HubHttp http = new HubHttp(hub);
        HubHttp.Session it = http.as(new User("it-backup", "", Role.IT, null));

        // then it serves the same alarms, with the same ids, states and history
        assertThat(alarms(http, campus)).extracting(a -> a.getLong("id")).containsExactlyInAnyOrderElementsOf(alarmsBefore.keySet());
        for (Map.Entry<Long, JsonObject> before : alarmsBefore.entrySet()) {
          assertThat(alarm(http, before.getKey())).isEqualTo(before.getValue());
        }
        // the same assets with their repairs
        for (Map.Entry<String, JsonObject> before : assetsBefore.entrySet()) {
          assertThat(assetView(it, before.getKey())).isEqualTo(before.getValue());
        }
        // the same users; the ones made before the backup sign in with their passwords, a wrong password is refused
        JsonArray usersAfter = users(http);
        assertThat(usersAfter.stream().filter(u -> !((JsonObject) u).getString("id").equals(HubHttp.DEFAULT_USER)).toList())
            .isEqualTo(usersBefore.stream().filter(u -> !((JsonObject) u).getString("id").equals(HubHttp.DEFAULT_USER)).toList());
        assertThat(http.login("op-" + campus, operatorPassword).cookie()).isNotBlank();
        assertThat(http.login("head-" + campus, principalPassword).cookie()).isNotBlank();
        assertThat(http.loginResponse("op-" + campus, operatorPassword + "x").statusCode()).isEqualTo(401);

        // and a new alarm takes a new id after the restored ones (the sequences came back with the rows)
        try (ScriptedGateway gateway = new ScriptedGateway(campus)) {
          gateway.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-03", 5))));
          await().atMost(Duration.ofSeconds(60)).until(() -> alarms(http, campus).size() == 4);
        }
        long newest = alarmOf(http, campus, campus + "-PB-03");
        assertThat(newest).isGreaterThan(alarmsBefore.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
      }
    }
  }

  private static String createUser(HubHttp http, JsonObject user) throws Exception {
    HttpResponse<String> r = http.send("POST", "/api/users", user.encode(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("password");
  }

  private static List<JsonObject> alarms(HubHttp http, String campus) throws Exception {
    HttpResponse<String> r = http.get("/api/alarms?campus=" + campus + "&limit=100");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("alarms").stream().map(JsonObject.class::cast).toList();
  }

  private static long alarmOf(HubHttp http, String campus, String device) throws Exception {
    return alarms(http, campus).stream().filter(a -> a.getString("device").equals(device)).findFirst().orElseThrow().getLong("id");
  }

  private static JsonObject alarm(HubHttp http, long id) throws Exception {
    HttpResponse<String> r = http.get("/api/alarms/" + id);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** An asset as IT staff see it: its record and its repairs (not its score, which depends on today). */
  private static JsonObject assetView(HubHttp.Session it, String asset) throws Exception {
    HttpResponse<String> page = it.get("/api/assets/" + asset + "?lang=en");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    HttpResponse<String> repairs = it.get("/api/assets/" + asset + "/repairs");
    assertThat(repairs.statusCode()).as(repairs.body()).isEqualTo(200);
    return new JsonObject().put("asset", new JsonObject(page.body()).getJsonObject("asset"))
        .put("repairs", new JsonObject(repairs.body()).getJsonArray("repairs"));
  }

  private static JsonArray users(HubHttp http) throws Exception {
    HttpResponse<String> r = http.get("/api/users");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("users");
  }

  private static HttpResponse<String> send(HubHttp.Session session, String method, String path, String body, String type)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        session.request(path, method, body).setHeader("Content-Type", type).build(), HttpResponse.BodyHandlers.ofString());
  }
}
