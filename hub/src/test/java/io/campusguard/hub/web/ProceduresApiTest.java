package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The procedures per alarm type over HTTP, on the real PostgreSQL: defaults from the migration, edits, refusals, audit. */
@Timeout(120)
class ProceduresApiTest {
  private static TestDatabase db;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "p" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /** Verifies that every seeded type has steps in both languages, and the panic one says to call the guard room and confirm 110. */
  @Test
  void defaultsInBothLanguages() throws Exception {
    HttpResponse<String> r = send("GET", "/api/procedures", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray all = new JsonObject(r.body()).getJsonArray("procedures");
    assertThat(all.stream().map(o -> ((JsonObject) o).getString("type")))
        .contains("panic", "link_lost", "gas_high", "cold_store_high", "freezer_high", "camera_offline", "parent_offline", "device_offline", "default");
    for (Object o : all) {
      JsonObject steps = ((JsonObject) o).getJsonObject("steps");
      assertThat(steps.getJsonArray("zh-CN")).isNotEmpty();
      assertThat(steps.getJsonArray("en")).hasSameSizeAs(steps.getJsonArray("zh-CN"));
    }
    JsonObject panic = new JsonObject(send("GET", "/api/procedures/panic", null).body());
    assertThat(panic.getJsonObject("steps").getJsonArray("zh-CN").getString(0)).contains("门卫室");
    assertThat(panic.getJsonObject("steps").getJsonArray("zh-CN").encode()).contains("110");
    assertThat(panic.getJsonObject("steps").getJsonArray("en").getString(0)).contains("guard room");
    assertThat(send("GET", "/api/procedures/no_such_type", null).statusCode()).isEqualTo(404);
  }

  /** Verifies that an operator's edit is stored with a new version and who made it, and that the audit log names them. */
  @Test
  void editIsStoredAndAudited() throws Exception {
    int before = new JsonObject(send("GET", "/api/procedures/gas_high", null).body()).getInteger("version");
    String body = "{\"version\":" + before + ",\"steps\":{\"zh-CN\":[\" 关闭燃气总阀 \",\"拨打119\"],\"en\":[\"Close the main gas valve\",\"Call 119\"]}}";
    HttpResponse<String> r = send("PUT", "/api/procedures/gas_high", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject saved = new JsonObject(r.body());
    assertThat(saved.getInteger("version")).isEqualTo(before + 1);
    assertThat(saved.getString("updatedBy")).isEqualTo("op-zhang");
    assertThat(saved.getJsonObject("steps").getJsonArray("zh-CN").getList()).containsExactly("关闭燃气总阀", "拨打119");

    JsonObject read = new JsonObject(send("GET", "/api/procedures/gas_high", null).body());
    assertThat(read.getJsonObject("steps").getJsonArray("en").getList()).containsExactly("Close the main gas valve", "Call 119");
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'op-zhang' AND action = 'procedure.update' AND target = 'procedure/gas_high'"
        + " AND detail LIKE '%Call 119%'")).isEqualTo(1);

    // a save over the older copy is refused and changes nothing
    HttpResponse<String> stale = send("PUT", "/api/procedures/gas_high", body);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(stale.body()).getString("error")).contains("changed meanwhile");
    assertThat(new JsonObject(send("GET", "/api/procedures/gas_high", null).body()).getInteger("version")).isEqualTo(before + 1);

    // a type without a procedure of its own can be given one
    HttpResponse<String> created = send("PUT", "/api/procedures/humidity_high", "{\"steps\":{\"zh-CN\":[\"检查除湿机\"],\"en\":[\"Check the dehumidifier\"]}}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(created.body()).getInteger("version")).isEqualTo(1);
  }

  /** Verifies that bad edits get a 400 naming the field, and leave the stored procedure as it was. */
  @Test
  void badEditsAreRefusedNamingTheField() throws Exception {
    String before = send("GET", "/api/procedures/link_lost", null).body();
    assertRefused("/api/procedures/link_lost", "not json", "body");
    assertRefused("/api/procedures/link_lost", "{}", "steps");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"a\"]}}", "steps.en");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[],\"en\":[\"a\"]}}", "steps.zh-CN");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"  \"],\"en\":[\"a\"]}}", "steps.zh-CN[0]");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"a\"],\"en\":[\"a\\u0007b\"]}}", "steps.en[0]");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"a\"],\"en\":[7]}}", "steps.en[0]");
    assertRefused("/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"" + "长".repeat(201) + "\"],\"en\":[\"a\"]}}", "steps.zh-CN[0]");
    assertRefused("/api/procedures/link_lost", "{\"version\":\"2\",\"steps\":{\"zh-CN\":[\"a\"],\"en\":[\"a\"]}}", "version");
    assertRefused("/api/procedures/Link-Lost", "{\"steps\":{\"zh-CN\":[\"a\"],\"en\":[\"a\"]}}", "type");
    assertThat(send("GET", "/api/procedures/link_lost", null).body()).isEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM audit_log WHERE target = 'procedure/link_lost'")).isZero();
  }

  private static void assertRefused(String path, String body, String field) throws Exception {
    HttpResponse<String> r = send("PUT", path, body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).as(body).startsWith(field + ":");
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return new HubHttp(hub).send(method, path, body, "op-zhang");
  }
}
