package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.Futures;
import io.campusguard.hub.telemetry.Measurement;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI check on its own, with the hub's real document: a router with the two hooks as HubApi mounts them and
 * a handler that answers 200, so every 400 here comes from the document.
 */
@Timeout(60)
class OpenApiValidationTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Buffer doc;
    try (InputStream in = OpenApiValidationTest.class.getResourceAsStream("/openapi.yaml")) {
      doc = Buffer.buffer(in.readAllBytes());
    }
    OpenApiValidation validation = OpenApiValidation.of(vertx, doc);
    Futures.await(validation.ready());
    Router r = Router.router(vertx);
    r.route("/api/*").handler(validation::withoutBody);
    r.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024));
    r.route("/api/*").handler(validation::withBody);
    r.route("/api/*").handler(ctx -> ctx.json(new JsonObject().put("passed", true).put("query", ctx.request().query())
        .put("limit", ctx.request().getParam("limit")).put("before", ctx.request().getParam("before"))));
    r.route().failureHandler(ctx -> {
      int status = ctx.failure() instanceof ApiError a ? a.status() : 500;
      ctx.response().setStatusCode(status).end(new JsonObject().put("error", String.valueOf(ctx.failure().getMessage())).encode());
    });
    server = Futures.await(vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    Futures.await(vertx.close());
  }

  /** Verifies that query parameters outside the document's schema are refused with 400 naming the parameter. */
  @Test
  void queryOutsideTheSchemaIs400NamingIt() throws Exception {
    assertRefused(get("/api/alarms?limit=5000"), "limit");
    assertRefused(get("/api/alarms?state=burning"), "state");
    assertRefused(get("/api/alarms?priority=P9"), "priority");
    assertRefused(get("/api/replacement/queue?category=toaster"), "category");
    // control: the same routes with values the document allows
    HttpResponse<String> allowed = get("/api/alarms?limit=5&state=active&priority=P0");
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(get("/api/replacement/queue?category=teacher_pc").statusCode()).isEqualTo(200);
  }

  /** Verifies that hostile ids (an InfluxDB line-protocol tag, an SQL quote, a topic wildcard) never pass the Id pattern. */
  @Test
  void hostileIdsAreRefusedBeforeAnyHandler() throws Exception {
    assertRefused(get("/api/devices?campus=x%2Ctag%3D1%20value%3D2"), "campus");
    assertRefused(get("/api/devices/x%27%3B%20DROP%20TABLE%20events%3B--/series?measurement=canteen&quantity=temperature"), "id");
    assertRefused(get("/api/campuses/LP-001%2B%23"), "id");
    assertRefused(get("/api/alarms/1%20OR%201%3D1"), "id");
    assertThat(get("/api/devices?campus=LP-001").statusCode()).isEqualTo(200);
  }

  /** Verifies that the document lets through a series of every measurement the hub keeps (it once left out link_availability). */
  @Test
  void everyMeasurementPasses() throws Exception {
    for (Measurement m : Measurement.values()) {
      HttpResponse<String> r = get("/api/devices/LP-001/series?measurement=" + m.wireName() + "&quantity=up");
      assertThat(r.statusCode()).as(m.wireName() + ": " + r.body()).isEqualTo(200);
    }
    assertRefused(get("/api/devices/LP-001/series?measurement=link&quantity=up"), "measurement");
  }

  /** Verifies that JSON bodies are checked: a wrong type, a missing required field, a value out of range. */
  @Test
  void bodiesOutsideTheSchemaAre400() throws Exception {
    assertRefused(send("PUT", "/api/campuses/LP-001", "{\"name\":5,\"town\":\"元善镇\"}"), "name");
    assertRefused(send("PUT", "/api/campuses/LP-001", "{\"name\":\"学校\"}"), "town");
    assertRefused(send("POST", "/api/campuses/LP-001/test-mode", "{\"minutes\":0}"), "minutes");
    assertRefused(send("POST", "/api/alarms/7/ack", "{\"note\":\"" + "x".repeat(2100) + "\"}"), "note");
    assertRefused(send("PUT", "/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"a\"],\"en\":[7]}}"), "steps.en[0]");
    assertRefused(send("PUT", "/api/procedures/link_lost", "{\"steps\":{\"zh-CN\":[\"a\"]}}"), "steps.en");
    assertRefused(send("PUT", "/api/procedures/link_lost", "not json"), "body");
    assertThat(send("PUT", "/api/campuses/LP-001", "{\"name\":\"学校\",\"town\":\"元善镇\"}").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/campuses/LP-001/test-mode", "{\"minutes\":30}").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/alarms/7/ack", "{}").statusCode()).isEqualTo(200);
  }

  /**
   * Verifies that the IT staff's JSON bodies (repairs, plan, workflow step) are checked against the document: a
   * missing required field, a wrong type, a value out of range, an unknown category; and that valid ones pass.
   */
  @Test
  void itStaffBodiesOutsideTheSchemaAre400() throws Exception {
    String repairs = "/api/assets/LP-001-TPC-01/repairs";
    assertRefused(send("POST", repairs, "{\"note\":\"x\"}"), "repairedOn");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\"}"), "note");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"\"}"), "note");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"" + "a".repeat(501) + "\"}"), "note");
    assertRefused(send("POST", repairs, "{\"repairedOn\":20250301,\"note\":\"x\"}"), "repairedOn");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2019/10/01\",\"note\":\"x\"}"), "repairedOn");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"x\",\"cost\":-1}"), "cost");
    assertRefused(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"x\",\"cost\":\"lots\"}"), "cost");
    assertRefused(send("POST", "/api/replacement/LP-001-TPC-01/state", "{\"note\":\"x\"}"), "to");
    assertRefused(send("POST", "/api/replacement/LP-001-TPC-01/state", "{\"to\":\"stolen\"}"), "to");
    assertRefused(send("POST", "/api/replacement/LP-001-TPC-01/state", "{\"to\":\"approved\",\"note\":7}"), "note");
    assertRefused(send("POST", "/api/replacement/plan", "{\"prices\":{\"teacher_pc\":4800}}"), "budgets");
    assertRefused(send("POST", "/api/replacement/plan", "{\"budgets\":{}}"), "budgets");
    assertRefused(send("POST", "/api/replacement/plan", "{\"budgets\":{\"2025\":\"lots\"}}"), "budgets.2025");
    assertRefused(send("POST", "/api/replacement/plan", "{\"budgets\":{\"2025\":-5}}"), "budgets.2025");
    assertRefused(send("POST", "/api/replacement/plan", "{\"budgets\":{\"2025\":5},\"prices\":{\"toaster\":90}}"), "prices.toaster");
    assertRefused(send("POST", "/api/replacement/plan", "{\"budgets\":{\"2025\":5},\"prices\":{\"teacher_pc\":-1}}"), "prices.teacher_pc");
    // control: the same routes with bodies the document allows
    assertThat(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"更换电源\",\"cost\":350.5}").statusCode()).isEqualTo(200);
    assertThat(send("POST", repairs, "{\"repairedOn\":\"2025-03-01\",\"note\":\"重装系统\"}").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/replacement/LP-001-TPC-01/state", "{\"to\":\"approved\",\"note\":\"预算已批\"}").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/replacement/plan?lang=en", "{\"budgets\":{\"2025\":5000000,\"2026\":0},\"prices\":{\"teacher_pc\":4800}}")
        .statusCode()).isEqualTo(200);
  }

  /** Verifies that a checked request reaches its handler with its parameters as they were sent. */
  @Test
  void checkedRequestsKeepTheirParameters() throws Exception {
    HttpResponse<String> r = get("/api/campuses/LP-001/timeline?limit=2&before=2026-11-28T00%3A00%3A00Z%7C12");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("limit")).isEqualTo("2");
    assertThat(new JsonObject(r.body()).getString("before")).isEqualTo("2026-11-28T00:00:00Z|12");
  }

  /** Verifies that a route the document does not describe is left to the router (the route guard answers it). */
  @Test
  void undocumentedRoutesPass() throws Exception {
    assertThat(get("/api/not-in-the-document?x=1").statusCode()).isEqualTo(200);
  }

  private static void assertRefused(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).as(r.body()).startsWith(field + ":");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(String method, String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }
}
