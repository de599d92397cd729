package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.runtime.Version;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST API and the SSE stream of a running hub, with alarms made by a scripted gateway. */
@Timeout(120)
class HubApiTest {
  private static TestDatabase db;
  private static TestHub hub;
  private static final User READER = new User("op-reader", "", Role.OPERATOR, null);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "w" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that ack and resolve change the state, appear in the history with who and the note, and are refused twice. */
  @Test
  void ackAndResolveShowInHistory() throws Exception {
    long id = raisePanic("LP-501");

    HttpResponse<String> acked = post("/api/alarms/" + id + "/ack", "{\"note\":\"calling the guard room\"}", "op-li");
    assertThat(acked.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(acked.body()).getString("state")).isEqualTo("acknowledged");
    assertThat(new JsonObject(acked.body()).getString("ackedBy")).isEqualTo("op-li");

    HttpResponse<String> again = post("/api/alarms/" + id + "/ack", "", "op-wang");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(again.body()).getString("error")).contains("acknowledged");

    assertThat(post("/api/alarms/" + id + "/assign", "{\"assignee\":\"op-wang\"}", "op-li").statusCode()).isEqualTo(200);
    HttpResponse<String> resolved = post("/api/alarms/" + id + "/resolve", "{\"note\":\"pressed by a pupil, no danger\"}", "op-wang");
    assertThat(resolved.statusCode()).isEqualTo(200);

    JsonObject alarm = new JsonObject(get("/api/alarms/" + id).body());
    assertThat(alarm.getString("state")).isEqualTo("resolved");
    assertThat(alarm.getString("resolvedBy")).isEqualTo("op-wang");
    assertThat(alarm.getString("assignee")).isEqualTo("op-wang");
    JsonArray history = alarm.getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("action")).toList())
        .containsExactly("opened", "acknowledged", "assigned", "resolved");
    assertThat(history.getJsonObject(3).getString("note")).isEqualTo("pressed by a pupil, no danger");
    assertThat(history.getJsonObject(1).getString("actor")).isEqualTo("op-li");
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE target = 'alarm/" + id + "'")).isEqualTo(3);

    // the campus is green again and listed with its status
    JsonObject campus = new JsonObject(get("/api/campuses/LP-501").body());
    assertThat(campus.getString("colour")).isEqualTo("green");
    assertThat(new JsonObject(get("/api/alarms?state=open&campus=LP-501").body()).getJsonArray("alarms")).isEmpty();
    assertThat(new JsonObject(get("/api/alarms?state=resolved&campus=LP-501").body()).getJsonArray("alarms")).hasSize(1);
  }

  /** Verifies that a canteen reading sent by a gateway comes back in the device's 24-hour series, and devices are listed. */
  @Test
  void readingAppearsInSeries() throws Exception {
    try (ScriptedGateway gw = new ScriptedGateway("LP-503")) {
      gw.send(TestEvents.batch("LP-503", List.of(TestEvents.reading("LP-503", "LP-503-CS-01", 1, 3.5))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonObject series = new JsonObject(get("/api/devices/LP-503-CS-01/series?measurement=canteen&quantity=cold_store_temperature").body());
        assertThat(series.getJsonArray("points")).hasSize(1);
        assertThat(series.getJsonArray("points").getJsonArray(0).getDouble(1)).isEqualTo(3.5);
      });
    }
    assertThat(new JsonObject(get("/api/devices?campus=LP-503").body()).getJsonArray("devices")).hasSize(1);
    assertThat(get("/metrics").body()).contains("cg_path_latency_ms{campus=\"LP-503\",quantile=\"0.99\"}");
    assertThat(new JsonObject(get("/api/campuses/LP-503").body()).getJsonObject("latency").getInteger("samples")).isEqualTo(1);
    assertThat(get("/api/devices/LP-503-CS-01/series?measurement=bogus&quantity=x").statusCode()).isEqualTo(400);
  }

  /**
   * Verifies that every series the hub keeps can be asked for, the campus page's link availability (a campus id as
   * its device) among them: the API's description once left {@code link_availability} out and refused it.
   */
  @Test
  void everyMeasurementCanBeAskedFor() throws Exception {
    for (Measurement m : Measurement.values()) {
      HttpResponse<String> r = get("/api/devices/LP-505/series?measurement=" + m.wireName() + "&quantity=up");
      assertThat(r.statusCode()).as(m.wireName() + ": " + r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getString("measurement")).isEqualTo(m.wireName());
    }
  }

  /** Verifies that refused input is listed with its reason and that a campus shows its gateway's last status. */
  @Test
  void deadLettersAndGatewayStatus() throws Exception {
    try (ScriptedGateway gw = new ScriptedGateway("LP-504")) {
      gw.publishRaw(io.campusguard.devices.Topics.county("LP-504", io.campusguard.devices.Topics.CountyChannel.EVENTS),
          "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      gw.status(io.campusguard.devices.body.GatewayHealth.State.HEARTBEAT);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonArray letters = new JsonObject(get("/api/dead-letters?campus=LP-504").body()).getJsonArray("deadLetters");
        assertThat(letters).hasSize(1);
        assertThat(letters.getJsonObject(0).getString("raw")).isEqualTo("[]");
        JsonObject campus = new JsonObject(get("/api/campuses/LP-504").body());
        assertThat(campus.getJsonObject("gateway")).isNotNull();
        assertThat(campus.getJsonObject("gateway").getString("state")).isEqualTo("heartbeat");
      });
    }
    assertThat(get("/api/dead-letters?limit=0").statusCode()).isEqualTo(400);
  }

  /** Verifies errors are JSON with a status: unknown alarm, bad filter, bad path, bad body. */
  @Test
  void errorsAreJson() throws Exception {
    assertThat(get("/api/alarms/999999").statusCode()).isEqualTo(404);
    assertThat(new JsonObject(get("/api/alarms/999999").body()).getString("error")).contains("999999");
    assertThat(get("/api/alarms?state=bogus").statusCode()).isEqualTo(400);
    assertThat(get("/api/alarms/abc").statusCode()).isEqualTo(400);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    assertThat(post("/api/alarms/1/ack", "[1,2", "op").statusCode()).isIn(400, 404);
    assertThat(new JsonObject(get("/api/nothing").body()).containsKey("error")).isTrue();
  }

  /** Verifies that the console's pages and the IT staff's routes are served by the same hub. */
  @Test
  void consoleAndAssetRoutesAreMounted() throws Exception {
    HttpResponse<String> page = get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/console/app.js");
    assertThat(get("/console/app.js").statusCode()).isEqualTo(200);
    assertThat(get("/console/i18n/zh-CN.json").statusCode()).isEqualTo(200);
    // the charts' library, from its WebJar on the classpath, as the page asks for it
    assertThat(page.body()).contains("/console/lib/uplot/uPlot.iife.min.js").contains("/console/lib/uplot/uPlot.min.css");
    HttpResponse<String> uplot = get("/console/lib/uplot/uPlot.iife.min.js");
    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.body()).contains("uPlot");
    assertThat(get("/console/lib/uplot/uPlot.min.css").statusCode()).isEqualTo(200);
    assertThat(get("/console/lib/uplot/no-such.js").statusCode()).isEqualTo(404);
    HttpResponse<String> queue = get("/api/replacement/queue");
    assertThat(queue.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(queue.body()).containsKey("queue")).isTrue();
  }

  /** Verifies the import over HTTP: a bad row refuses the file (422, row and field named), partial imports the rest; then plan and a workflow step. */
  @Test
  void assetImportPlanAndWorkflow() throws Exception {
    String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
        + "LP-506-TPC-01,LP-506,办公室1,teacher_pc,Lenovo,M430,2015-03-01,4800,\n"
        + "LP-506-TPC-02,LP-506,办公室1,toaster,Lenovo,M430,2015-03-01,4800,\n";

    HttpResponse<String> strict = send("POST", "/api/assets/import", csv);
    HttpResponse<String> partial = send("POST", "/api/assets/import?partial=true", csv);

    assertThat(strict.statusCode()).isEqualTo(422);
    JsonObject report = new JsonObject(strict.body());
    assertThat(report.getInteger("imported")).isZero();
    assertThat(report.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("category");
    assertThat(report.getJsonArray("errors").getJsonObject(0).getInteger("row")).isEqualTo(2);
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(partial.body()).getInteger("imported")).isEqualTo(1);

    HttpResponse<String> plan = post("/api/replacement/plan?lang=en",
        "{\"budgets\":{\"2025\":10000,\"2026\":0},\"prices\":{\"teacher_pc\":4800}}", "it-wang");
    assertThat(plan.statusCode()).isEqualTo(200);
    JsonObject first = new JsonObject(plan.body()).getJsonArray("years").getJsonObject(0);
    assertThat(first.getJsonObject("replaced").getInteger("teacher_pc")).isGreaterThanOrEqualTo(1);
    assertThat(new java.math.BigDecimal(first.getString("spent"))).isLessThanOrEqualTo(new java.math.BigDecimal("10000"));

    HttpResponse<String> approved = post("/api/replacement/LP-506-TPC-01/state", "{\"to\":\"approved\"}", "it-wang");
    HttpResponse<String> skipped = post("/api/replacement/LP-506-TPC-01/state", "{\"to\":\"retired\"}", "it-wang");
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(approved.body()).getJsonArray("history").getJsonObject(0).getString("by")).isEqualTo("it-wang");
    assertThat(skipped.statusCode()).isEqualTo(409);
  }

  /**
   * Verifies that on the running hub the IT staff's JSON bodies are checked against the document before their
   * handlers (400 naming the field, nothing changed), the handlers' own checks still answer what the schema cannot
   * (a key that is not a year), and the CSV import's query is checked too.
   */
  @Test
  void itStaffBodiesAreCheckedAgainstTheDocument() throws Exception {
    String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
        + "LP-507-TPC-01,LP-507,办公室1,teacher_pc,Lenovo,M430,2015-03-01,4800,\n";
    assertRefused(send("POST", "/api/assets/import?partial=maybe", csv), "partial");
    assertThat(send("POST", "/api/assets/import", csv).statusCode()).isEqualTo(200);

    assertRefused(post("/api/replacement/LP-507-TPC-01/state", "{\"to\":\"stolen\"}", "it-wang"), "to");
    assertRefused(post("/api/replacement/LP-507-TPC-01/state", "{\"to\":\"approved\",\"note\":[1]}", "it-wang"), "note");
    assertRefused(post("/api/replacement/LP-507-TPC-01/state", "", "it-wang"), "body");
    assertThat(new JsonObject(get("/api/assets/LP-507-TPC-01").body()).getJsonObject("replacement").getString("state")).isEqualTo("candidate");

    assertRefused(post("/api/replacement/plan", "{\"budgets\":{\"2025\":\"lots\"}}", "it-wang"), "budgets.2025");
    assertRefused(post("/api/replacement/plan", "{\"budgets\":{\"2025\":1000},\"prices\":{\"toaster\":90}}", "it-wang"), "prices.toaster");
    assertRefused(post("/api/replacement/plan", "{}", "it-wang"), "budgets");
    // what the schema cannot say: a key that is not a year, answered by the handler
    assertRefused(post("/api/replacement/plan", "{\"budgets\":{\"20x5\":1000}}", "it-wang"), "budgets.20x5");

    // control: valid bodies still work
    HttpResponse<String> approved = post("/api/replacement/LP-507-TPC-01/state", "{\"to\":\"approved\",\"note\":\"预算已批\"}", "it-wang");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(post("/api/replacement/plan?lang=en", "{\"budgets\":{\"2025\":10000}}", "it-wang").statusCode()).isEqualTo(200);
  }

  private static void assertRefused(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).as(r.body()).startsWith(field + ":");
  }

  /** Verifies that a campus is registered with its name and town, and that bad input is refused. */
  @Test
  void registerCampus() throws Exception {
    HttpResponse<String> put = send("PUT", "/api/campuses/LP-505", "{\"name\":\"连平县实验小学\",\"town\":\"元善镇\"}");
    assertThat(put.statusCode()).isEqualTo(200);
    JsonObject campus = new JsonObject(get("/api/campuses/LP-505").body());
    assertThat(campus.getString("name")).isEqualTo("连平县实验小学");
    assertThat(campus.getString("town")).isEqualTo("元善镇");
    assertThat(campus.getString("colour")).isEqualTo("green");
    assertThat(send("PUT", "/api/campuses/LP-505", "{\"name\":\"\"}").statusCode()).isEqualTo(400);
    assertThat(send("PUT", "/api/campuses/LP%2F505", "{\"name\":\"x\",\"town\":\"y\"}").statusCode()).isIn(400, 404);
  }

  /** Verifies health, metrics and the OpenAPI document are served. */
  @Test
  void healthMetricsOpenApi() throws Exception {
    JsonObject health = new JsonObject(get("/health").body());
    assertThat(health.getString("status")).isEqualTo("up");
    // the build's version, the same the launcher's --version prints
    assertThat(health.getString("version")).isEqualTo(Version.current()).isNotEqualTo("unknown");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("cg_ingest_batches_total").contains("cg_sse_clients").contains("cg_campus_links_lost");
    assertThat(get("/openapi.yaml").body()).startsWith("openapi: 3").contains("/api/alarms/{id}/resolve").contains("/api/events");
  }

  /** Verifies that SSE delivers a new alarm live, and that a client resuming with Last-Event-ID gets only what it missed. */
  @Test
  void sseDeliversNewAlarmAndResumes() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream = HTTP.sendAsync(
        new HubHttp(hub).as(READER).request("/api/events", "GET", null).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get();
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith("retry:")));

    long id = raisePanic("LP-502");

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("\"id\":" + id + ",") && l.contains("\"type\":\"panic\"")));
    assertThat(lines).contains("event: alarm").anyMatch(l -> l.startsWith("event: campus"));
    List<Long> ids = lines.stream().filter(l -> l.startsWith("id: ")).map(l -> Long.parseLong(l.substring(4))).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    long lastSeen = ids.get(ids.size() - 1);

    // a change made while "disconnected", then a resume from the last id seen
    response.body().close();
    assertThat(post("/api/alarms/" + id + "/ack", "", "op-zhao").statusCode()).isEqualTo(200);
    List<String> resumed = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> again = HTTP.send(
        new HubHttp(hub).as(READER).request("/api/events", "GET", null).header("Last-Event-ID", Long.toString(lastSeen)).build(),
        HttpResponse.BodyHandlers.ofLines());
    Thread reader2 = new Thread(() -> again.body().forEach(resumed::add), "sse-reader-2");
    reader2.setDaemon(true);
    reader2.start();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(resumed).anyMatch(l -> l.startsWith("data:") && l.contains("\"ackedBy\":\"op-zhao\"")));
    List<Long> resumedIds = resumed.stream().filter(l -> l.startsWith("id: ")).map(l -> Long.parseLong(l.substring(4))).toList();
    assertThat(resumedIds).allMatch(i -> i > lastSeen).doesNotHaveDuplicates();
    again.body().close();
  }

  private static long raisePanic(String campus) throws Exception {
    try (ScriptedGateway gw = new ScriptedGateway(campus)) {
      gw.send(TestEvents.batch(campus, List.of(TestEvents.panic(campus, campus + "-PB-01", 1))));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new JsonObject(get("/api/alarms?state=open&campus=" + campus).body()).getJsonArray("alarms")).hasSize(1));
      JsonObject alarm = new JsonObject(get("/api/alarms?state=open&campus=" + campus).body()).getJsonArray("alarms").getJsonObject(0);
      assertThat(alarm.getString("severity")).isEqualTo("P0");
      assertThat(new JsonObject(get("/api/campuses/" + campus).body()).getString("colour")).isEqualTo("red");
      return alarm.getLong("id");
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return new HubHttp(hub).get(path);
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return new HubHttp(hub).send(method, path, body, null);
  }

  private static HttpResponse<String> post(String path, String body, String user) throws Exception {
    return new HubHttp(hub).send("POST", path, body, user);
  }
}
