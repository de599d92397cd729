package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every role × every API route × own and another campus, with the answer expected in each cell, against a running
 * hub: A passes the role check (the route's own answer follows: 200, or 400/404/409/422 for what the handler
 * refuses), F is 403, H is the 404 a principal gets for another campus's (or a missing) resource.
 */
@Timeout(180)
class AccessMatrixTest {
  private static final String OWN = "LP-611";
  private static final String OTHER = "LP-612";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;
  private static final Map<String, Long> ALARMS = new LinkedHashMap<>();

  private static final User OPERATOR = new User("mx-op", "", Role.OPERATOR, null);
  private static final User PRINCIPAL = new User("mx-pr", "", Role.PRINCIPAL, OWN);
  private static final User IT = new User("mx-it", "", Role.IT, null);
  private static final User ADMIN = new User("mx-admin", "", Role.ADMIN, null);

  /**
   * method, path ({c} campus, {a} its alarm, {d} its panic button, {s} its asset), body, then the expected cell for
   * operator, principal on its own campus, principal on the other campus, IT staff, administrator.
   */
  private static final String[][] MATRIX = {
      {"GET", "/api/alarms?campus={c}", null, "A A H A A"},
      {"GET", "/api/alarms/{a}", null, "A A H A A"},
      {"POST", "/api/alarms/{a}/ack", "{}", "A A H F A"},
      {"POST", "/api/alarms/{a}/assign", "{}", "A F F F A"},
      {"POST", "/api/alarms/{a}/resolve", "{}", "A F F F A"},
      {"GET", "/api/events", null, "A A A A A"},
      {"GET", "/api/campuses", null, "A A A A A"},
      {"GET", "/api/campuses/{c}", null, "A A H A A"},
      {"PUT", "/api/campuses/{c}", "{\"name\":\"学校\",\"town\":\"元善镇\"}", "F F F F A"},
      {"GET", "/api/campuses/{c}/timeline", null, "A A H A A"},
      {"GET", "/api/campuses/{c}/test-mode", null, "A A H A A"},
      {"POST", "/api/campuses/{c}/test-mode", "{\"minutes\":1}", "A F F F A"},
      {"POST", "/api/campuses/{c}/test-mode/end", null, "A F F F A"},
      {"GET", "/api/devices?campus={c}", null, "A A H A A"},
      {"GET", "/api/devices/{d}/series?measurement=canteen&quantity=cold_store_temperature", null, "A A H A A"},
      {"GET", "/api/board?campus={c}", null, "A A H A A"},
      {"GET", "/api/cameras?campus={c}", null, "A A H A A"},
      {"GET", "/api/canteens/{c}", null, "A A H A A"},
      {"GET", "/api/procedures", null, "A A A A A"},
      {"GET", "/api/procedures/panic", null, "A A A A A"},
      {"PUT", "/api/procedures/panic", "{}", "A F F F A"},
      {"GET", "/api/roster", null, "A F F F A"},
      {"GET", "/api/roster/versions", null, "A F F F A"},
      {"GET", "/api/roster/versions/1", null, "A F F F A"},
      {"PUT", "/api/roster", "{}", "F F F F A"},
      {"GET", "/api/alarms/{a}/notifications", null, "A A H A A"},
      {"GET", "/api/alarms/{a}/cameras", null, "A A H A A"},
      {"PUT", "/api/devices/{d}/place", "{}", "F F F F A"},
      {"GET", "/api/dead-letters?campus={c}", null, "A F F A A"},
      {"GET", "/api/security-events", null, "A F F A A"},
      {"GET", "/api/security-events?campus={c}", null, "A F F A A"},
      {"POST", "/api/assets/import?partial=true", "asset_id\n", "F F F A A"},
      {"GET", "/api/assets/export", null, "A F F A A"},
      {"GET", "/api/assets/{s}", null, "A F F A A"},
      {"GET", "/api/assets/{s}/repairs", null, "A F F A A"},
      {"POST", "/api/assets/{s}/repairs", "{}", "F F F A A"},
      {"GET", "/api/assets/{s}/trend", null, "A F F A A"},
      {"GET", "/api/replacement/queue?campus={c}", null, "A F F A A"},
      {"POST", "/api/replacement/plan", "{}", "F F F A A"},
      {"POST", "/api/replacement/{s}/state", "{}", "F F F A A"},
      {"GET", "/api/session", null, "A A A A A"},
      {"GET", "/api/users", null, "F F F F A"},
      {"POST", "/api/users", "{}", "F F F F A"},
      {"POST", "/api/session/password", "{}", "A A A A A"},
      {"POST", "/api/users/mx-nobody/password", null, "F F F F A"},
      {"POST", "/api/users/mx-nobody/disable", null, "F F F F A"},
      {"POST", "/api/users/mx-nobody/enable", null, "F F F F A"},
      {"DELETE", "/api/users/mx-nobody/sessions", null, "F F F F A"},
      {"DELETE", "/api/users/mx-nobody", null, "F F F F A"},
  };

  @BeforeAll
  static void start() throws Exception {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "m" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
    for (String campus : List.of(OWN, OTHER)) {
      try (ScriptedGateway gw = new ScriptedGateway(campus)) {
        gw.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-01", 1))));
        await().atMost(Duration.ofSeconds(10)).until(() ->
            !new JsonObject(http.as(ADMIN).get("/api/alarms?campus=" + campus).body()).getJsonArray("alarms").isEmpty());
      }
      ALARMS.put(campus, new JsonObject(http.as(ADMIN).get("/api/alarms?campus=" + campus).body()).getJsonArray("alarms").getJsonObject(0).getLong("id"));
    }
    String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
        + OWN + "-TPC-01," + OWN + ",办公室1,teacher_pc,Lenovo,M430,2015-03-01,4800,\n"
        + OTHER + "-TPC-01," + OTHER + ",办公室1,teacher_pc,Lenovo,M430,2015-03-01,4800,\n";
    assertThat(http.as(ADMIN).send("POST", "/api/assets/import", csv).statusCode()).isEqualTo(200);
    String roster = "{\"version\":0,\"roster\":{\"fallback\":[{\"name\":\"县安全中心\",\"mobile\":\"13600000000\",\"channels\":[\"sms\"]}]}}";
    assertThat(http.as(ADMIN).send("PUT", "/api/roster", roster).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies every cell of the matrix, and that every route the hub guards is in it. */
  @Test
  void everyRoleEveryRouteOwnAndOtherCampus() throws Exception {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (String[] row : MATRIX) {
      String[] expected = row[3].split(" ");
      cells += check(wrong, row, OPERATOR, OWN, expected[0]) + check(wrong, row, OPERATOR, OTHER, expected[0]);
      cells += check(wrong, row, PRINCIPAL, OWN, expected[1]) + check(wrong, row, PRINCIPAL, OTHER, expected[2]);
      cells += check(wrong, row, IT, OWN, expected[3]) + check(wrong, row, IT, OTHER, expected[3]);
      cells += check(wrong, row, ADMIN, OWN, expected[4]) + check(wrong, row, ADMIN, OTHER, expected[4]);
    }
    assertThat(wrong).as("cells answered otherwise than expected").isEmpty();
    assertThat(cells).isEqualTo(MATRIX.length * 8);

    Set<String> inMatrix = new TreeSet<>();
    for (String[] row : MATRIX) {
      inMatrix.add(row[0] + " " + row[1].replaceAll("\\?.*", "").replace("{c}", ":id").replace("{a}", ":id").replace("{d}", ":id")
          .replace("{s}", ":assetId").replace("/panic", "/:type").replace("/versions/1", "/versions/:version").replace("/mx-nobody", "/:id"));
    }
    Set<String> guarded = new TreeSet<>();
    RouteGuard.RULES.forEach(r -> guarded.add(r.method() + " " + r.path()));
    guarded.remove("POST /api/logout");
    assertThat(inMatrix).isEqualTo(guarded);
  }

  /** Verifies that IT staff acknowledging an alarm get 403 and the alarm stays as it was. */
  @Test
  void itStaffCannotAcknowledge() throws Exception {
    long id = raise("LP-613");
    HttpResponse<String> r = http.as(IT).send("POST", "/api/alarms/" + id + "/ack", "{}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("error")).contains("it");
    assertThat(new JsonObject(http.as(IT).get("/api/alarms/" + id).body()).getString("state")).isEqualTo("open");
    // control: an operator may
    assertThat(http.as(OPERATOR).send("POST", "/api/alarms/" + id + "/ack", "{}").statusCode()).isEqualTo(200);
  }

  /** Verifies that a principal guessing another campus's alarm id gets the same 404 as for an id that does not exist. */
  @Test
  void principalGuessingIdsLearnsNothing() throws Exception {
    HttpResponse<String> other = http.as(PRINCIPAL).get("/api/alarms/" + ALARMS.get(OTHER));
    HttpResponse<String> missing = http.as(PRINCIPAL).get("/api/alarms/987654321");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).isEqualTo(missing.body());
    HttpResponse<String> ackOther = http.as(PRINCIPAL).send("POST", "/api/alarms/" + ALARMS.get(OTHER) + "/ack", "{}");
    HttpResponse<String> ackMissing = http.as(PRINCIPAL).send("POST", "/api/alarms/987654321/ack", "{}");
    assertThat(ackOther.statusCode()).isEqualTo(404);
    assertThat(ackOther.body()).isEqualTo(ackMissing.body());
    assertThat(http.as(PRINCIPAL).get("/api/campuses/" + OTHER).body()).isEqualTo(http.as(PRINCIPAL).get("/api/campuses/LP-999").body());
    // control: its own campus's alarm is there
    assertThat(http.as(PRINCIPAL).get("/api/alarms/" + ALARMS.get(OWN)).statusCode()).isEqualTo(200);
  }

  /** Verifies that a principal's lists and change stream hold its own campus only, while an operator's hold both. */
  @Test
  void principalListsAndStreamAreNarrowed() throws Exception {
    assertThat(campusesIn(http.as(PRINCIPAL).get("/api/alarms?limit=1000"), "alarms", "campus")).containsOnly(OWN);
    assertThat(campusesIn(http.as(PRINCIPAL).get("/api/campuses"), "campuses", "id")).containsExactly(OWN);
    assertThat(campusesIn(http.as(PRINCIPAL).get("/api/board"), "campuses", "id")).containsOnly(OWN);
    assertThat(campusesIn(http.as(OPERATOR).get("/api/alarms?limit=1000"), "alarms", "campus")).contains(OWN, OTHER);
    assertThat(campusesIn(http.as(OPERATOR).get("/api/campuses"), "campuses", "id")).contains(OWN, OTHER);

    List<String> principal = stream(PRINCIPAL);
    List<String> operator = stream(OPERATOR);
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.stream().anyMatch(l -> l.contains("\"" + OTHER + "\""))
        && principal.stream().anyMatch(l -> l.contains("\"" + OWN + "\"")));
    assertThat(principal).filteredOn(l -> l.startsWith("data:")).isNotEmpty().noneMatch(l -> l.contains(OTHER));
  }

  private static int check(List<String> wrong, String[] row, User user, String campus, String expected) throws Exception {
    String path = row[1].replace("{c}", campus).replace("{a}", Long.toString(ALARMS.get(campus)))
        .replace("{d}", campus + "-PB-01").replace("{s}", campus + "-TPC-01");
    int status;
    String body;
    if (path.equals("/api/events")) {
      HttpResponse<InputStream> r = HTTP.send(http.as(user).request(path, "GET", null).build(), HttpResponse.BodyHandlers.ofInputStream());
      status = r.statusCode();
      body = status == 200 ? "" : new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      r.body().close();
    } else {
      HttpResponse<String> r = HTTP.send(http.as(user).request(path, row[0], row[2]).build(), HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      body = r.body();
    }
    boolean ok = switch (expected) {
      case "F" -> status == 403;
      case "H" -> status == 404 && body.equals("{\"error\":\"not found\"}");
      case "A" -> status != 401 && status != 403 && !(status == 404 && body.equals("{\"error\":\"not found\"}")) && status < 500
          && (!row[0].equals("GET") || status == 200);
      default -> throw new IllegalArgumentException(expected);
    };
    if (!ok) {
      wrong.add(row[0] + " " + path + " as " + user.role().wireName() + " on " + campus + ": expected " + expected + ", got " + status + " " + body);
    }
    return 1;
  }

  private static Set<String> campusesIn(HttpResponse<String> r, String list, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray a = new JsonObject(r.body()).getJsonArray(list);
    Set<String> out = new TreeSet<>();
    a.forEach(o -> out.add(((JsonObject) o).getString(field)));
    return out;
  }

  private static List<String> stream(User user) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> r = HTTP.send(http.as(user).request("/api/events", "GET", null).header("Last-Event-ID", "0").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> r.body().forEach(lines::add), "sse-" + user.id());
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static long raise(String campus) throws Exception {
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-01", 1))));
      await().atMost(Duration.ofSeconds(10)).until(() ->
          !new JsonObject(http.as(ADMIN).get("/api/alarms?state=open&campus=" + campus).body()).getJsonArray("alarms").isEmpty());
    }
    return new JsonObject(http.as(ADMIN).get("/api/alarms?state=open&campus=" + campus).body()).getJsonArray("alarms").getJsonObject(0).getLong("id");
  }
}
