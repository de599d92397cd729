package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Repairs recorded by IT staff on a running hub against the real PostgreSQL: recorded with the acting user and
 * audited, listed, refused with the field named, and counted in the replacement score and rank.
 */
@Timeout(120)
class AssetRepairsApiTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Verifies that repairs are recorded, listed and audited, and lift an asset above an older one in the queue. */
  @Test
  void repairsAreRecordedAndRaiseTheScore() throws Exception {
    String campus = "LP-" + UUID.randomUUID().toString().substring(0, 6);
    String older = campus + "-TPC-01";
    String newer = campus + "-TPC-02";
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "r" + UUID.randomUUID().toString().substring(0, 8))) {
      Client http = new Client(new HubHttp(hub).as(new User("it-li", "", Role.IT, null)));
      // given two teacher PCs without telemetry, the newer one a year younger, both short of full age marks
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
          + older + "," + campus + ",办公室1,teacher_pc,Lenovo,M430," + today.minusYears(5) + ",4800,\n"
          + newer + "," + campus + ",办公室2,teacher_pc,Lenovo,M430," + today.minusYears(4) + ",4800,\n";
      assertThat(http.send("POST", "/api/assets/import", csv, "text/csv").statusCode()).isEqualTo(200);
      JsonObject before = queueRow(http, campus, newer);
      assertThat(before.getInteger("rank")).isEqualTo(2);

      // when IT staff record five repairs of the newer one
      for (int i = 1; i <= 5; i++) {
        HttpResponse<String> recorded = http.send("POST", "/api/assets/" + newer + "/repairs",
            new JsonObject().put("repairedOn", today.minusDays(i).toString()).put("note", "更换电源 " + i).put("cost", 350.5).encode(), "application/json");
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(new JsonObject(recorded.body()).getString("recordedBy")).isEqualTo("it-li");
      }
      HttpResponse<String> noCost = http.send("POST", "/api/assets/" + older + "/repairs",
          new JsonObject().put("repairedOn", today.toString()).put("note", "重装系统").encode(), "application/json");
      assertThat(noCost.statusCode()).as(noCost.body()).isEqualTo(201);
      assertThat(new JsonObject(noCost.body()).getValue("cost")).isNull();

      // then they are listed latest first, audited, and the newer PC now ranks first with the repairs in its reasons
      JsonArray listed = new JsonObject(http.get("/api/assets/" + newer + "/repairs").body()).getJsonArray("repairs");
      assertThat(listed).hasSize(5);
      assertThat(listed.getJsonObject(0).getString("repairedOn")).isEqualTo(today.minusDays(1).toString());
      assertThat(listed.getJsonObject(0).getString("cost")).isEqualTo("350.50");
      assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'asset.repair' AND actor = 'it-li' AND target = 'asset/" + newer + "'"))
          .isEqualTo(5);

      JsonObject after = queueRow(http, campus, newer);
      assertThat(after.getDouble("score")).isGreaterThan(before.getDouble("score"));
      assertThat(after.getInteger("rank")).isEqualTo(1);
      assertThat(after.getJsonArray("reasons").encode()).contains("5 repairs");

      JsonObject page = new JsonObject(http.get("/api/assets/" + newer + "?lang=en").body());
      assertThat(page.getJsonObject("facts").getInteger("repairs")).isEqualTo(5);
      assertThat(page.getJsonArray("repairs")).hasSize(5);
      assertThat(page.getJsonObject("replacement").getDouble("score")).isEqualTo(after.getDouble("score"));
      // a repaired device without telemetry still says it has none
      assertThat(page.getJsonObject("health").getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("health.no_telemetry");
    }
  }

  /**
   * Verifies that a repair outside the document's schema is refused with 400 naming the field, one the schema
   * cannot judge (dates against today and the purchase date, blank notes, control characters) with 422 naming
   * it, and that nothing is stored.
   */
  @Test
  void badRepairsAreRefusedNamingTheField() throws Exception {
    String campus = "LP-" + UUID.randomUUID().toString().substring(0, 6);
    String pc = campus + "-TPC-01";
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "r" + UUID.randomUUID().toString().substring(0, 8))) {
      Client http = new Client(new HubHttp(hub).as(new User("it-li", "", Role.IT, null)));
      String csv = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n"
          + pc + "," + campus + ",办公室1,teacher_pc,Lenovo,M430,2019-09-01,4800,\n";
      assertThat(http.send("POST", "/api/assets/import", csv, "text/csv").statusCode()).isEqualTo(200);
      String path = "/api/assets/" + pc + "/repairs";
      LocalDate today = LocalDate.now(ZoneOffset.UTC);

      assertRefused(http, path, new JsonObject().put("repairedOn", today.plusDays(2).toString()).put("note", "x"), 422, "repairedOn: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2019-08-31").put("note", "x"), 422, "purchase date");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2019/10/01").put("note", "x"), 400, "repairedOn: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2019-02-30").put("note", "x"), 400, "repairedOn: ");
      assertRefused(http, path, new JsonObject().put("note", "x"), 400, "repairedOn: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01"), 400, "note: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", 7), 400, "note: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", "a".repeat(501)), 400, "note: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", "ok\nforged line"), 422, "note: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", " "), 422, "note: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", "x").put("cost", -1), 400, "cost: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", "x").put("cost", "lots"), 400, "cost: ");
      assertRefused(http, path, new JsonObject().put("repairedOn", "2020-01-01").put("note", "x").put("cost", 12.345), 422, "cost: ");
      assertRefused(http, "/api/assets/" + campus + "-NONE/repairs", new JsonObject().put("repairedOn", "2020-01-01").put("note", "x"), 404, "assetId: ");
      assertThat(http.get("/api/assets/" + campus + "-NONE/repairs").statusCode()).isEqualTo(404);
      assertThat(db.count("SELECT count(*) FROM asset_repairs")).isZero();

      // control: the same repair with a good date and note is taken
      HttpResponse<String> good = http.send("POST", path, new JsonObject().put("repairedOn", "2019-09-01").put("note", "x").put("cost", 0).encode(), "application/json");
      assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
      assertThat(db.count("SELECT count(*) FROM asset_repairs")).isEqualTo(1);
    }
  }

  private static void assertRefused(Client http, String path, JsonObject body, int status, String message) throws Exception {
    HttpResponse<String> r = http.send("POST", path, body.encode(), "application/json");
    assertThat(r.statusCode()).as(body.encode() + " → " + r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).as(r.body()).contains(message);
    if (status == 400) {
      // the document's check speaks first, naming the field at the start as the handlers do
      assertThat(new JsonObject(r.body()).getString("error")).startsWith(message);
    }
  }

  private static JsonObject queueRow(Client http, String campus, String assetId) throws Exception {
    JsonArray queue = new JsonObject(http.get("/api/replacement/queue?lang=en&campus=" + campus).body()).getJsonArray("queue");
    assertThat(queue).hasSize(2);
    return queue.stream().map(JsonObject.class::cast).filter(r -> r.getString("assetId").equals(assetId)).findFirst().orElseThrow();
  }

  private record Client(HubHttp.Session session) {
    HttpResponse<String> get(String path) throws Exception {
      return session.get(path);
    }

    HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
      return HTTP.send(session.request(path, method, body).setHeader("Content-Type", type).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
