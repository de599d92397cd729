package io.campusguard.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.Futures;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.alarms.Escalation;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A panic press reaches people: the roster saved through the API, a press through a gateway, the principal (WeCom)
 * and the town's duty officer (DingTalk) told within 2 s of the commit, the county lead at the first escalation
 * over a failing SMS provider that falls over to WeCom, then an acknowledgement that stops the rest and tells those
 * already reached. Receivers are the loopback stand-ins that check each service's documented request.
 */
@Timeout(180)
class NotificationEndToEndTest {
  static final String CAMPUS = "LP-921";
  static final String TOWN = "测试镇";
  static final User ADMIN = new User("nt-admin", "", Role.ADMIN, null);
  static final User OPERATOR = new User("nt-op", "", Role.OPERATOR, null);

  /** Verifies the whole path of issue 22's notifications, each attempt recorded and shown in the alarm's history. */
  @Test
  void pressNotifiesEscalatesAndAcknowledgementStops() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<Long> smsAt = new CopyOnWriteArrayList<>();
    AtomicInteger smsCalls = new AtomicInteger();
    HttpServer sms = Futures.await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      smsCalls.incrementAndGet();
      smsAt.add(System.currentTimeMillis());
      req.response().setStatusCode(503).end(); // the provider is down: every SMS fails
    })).listen(0, "127.0.0.1"));
    try (RobotReceiver robots = new RobotReceiver("k-e2e", "t-e2e", "SECe2e");
        TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "n" + UUID.randomUUID().toString().substring(0, 8), config(robots, sms.actualPort()));
        ScriptedGateway gw = new ScriptedGateway(CAMPUS)) {
      HubHttp http = new HubHttp(hub);
      Futures.await(hub.verticle().campusStore().register(CAMPUS, "测试第一小学", TOWN));
      HttpResponse<String> saved = http.as(ADMIN).send("PUT", "/api/roster", roster().encode());
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      assertThat(new JsonObject(saved.body()).getInteger("version")).isEqualTo(1);
      // a save over the older copy is refused, not lost; a mistake names its place; the save is audited
      assertThat(http.as(ADMIN).send("PUT", "/api/roster", roster().encode()).statusCode()).isEqualTo(409);
      HttpResponse<String> bad = http.as(ADMIN).send("PUT", "/api/roster", roster().put("version", 1).encode()
          .replace("\"level\":2", "\"level\":9"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(bad.body()).getString("error")).startsWith("roster.duties[2].level");
      assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'roster.update' AND actor = 'nt-admin'")).isEqualTo(1);
      assertThat(new JsonObject(http.as(OPERATOR).get("/api/roster").body()).getJsonObject("roster").getJsonArray("duties")).hasSize(3);

      // when: the panic button is pressed
      gw.send(TestEvents.batch(CAMPUS, List.of(TestEvents.panic(CAMPUS, CAMPUS + "-PB-01", 1))));

      // then: principal (WeCom) and duty officer (DingTalk) within 2 s of the alarm's commit
      await().atMost(Duration.ofSeconds(20)).until(() -> mentions(robots, "13800009211").size() >= 1 && mentions(robots, "13900009211").size() >= 1);
      JsonObject alarm = new JsonObject(http.as(OPERATOR).get("/api/alarms?campus=" + CAMPUS).body()).getJsonArray("alarms").getJsonObject(0);
      long id = alarm.getLong("id");
      long committedAt = Instant.parse(alarm.getString("openedAt")).toEpochMilli();
      for (String mobile : List.of("13800009211", "13900009211")) {
        RobotReceiver.Request first = mentions(robots, mobile).get(0);
        assertThat(first.body()).contains("一键报警", "测试第一小学", CAMPUS + "-PB-01", "#/alarms/" + id);
        assertThat(first.receivedAtMillis() - committedAt).as("commit to " + mobile).isLessThan(2_000);
      }
      // as the hub recorded it: delivered within 2 s of seeing the alarm committed
      await().atMost(Duration.ofSeconds(10)).until(() -> attempts(http, id).stream().filter(a -> a.getInteger("level") == 1
          && a.getString("outcome").equals("delivered")).count() == 2);
      assertThat(attempts(http, id).stream().filter(a -> a.getInteger("level") == 1).map(a -> a.getLong("sinceCommitMs")).toList())
          .allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
      // the county lead (level 2) is not told before the first escalation step
      assertThat(mentions(robots, "13700009211")).isEmpty();

      // then: the first escalation step (3 s) calls level 2: SMS fails twice, falls over to WeCom
      await().atMost(Duration.ofSeconds(30)).until(() -> mentions(robots, "13700009211").size() >= 1);
      assertThat(smsCalls.get()).isEqualTo(2);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(attempts(http, id))
          .extracting(a -> a.getString("channel") + "#" + a.getInteger("attempt") + ":" + a.getString("outcome") + "@" + a.getInteger("level"))
          .contains("wecom#1:delivered@1", "dingtalk#1:delivered@1", "sms#1:failed@2", "sms#2:failed@2", "wecom#1:delivered@2"));
      JsonArray history = new JsonObject(http.as(OPERATOR).get("/api/alarms/" + id).body()).getJsonArray("history");
      assertThat(history.stream().map(h -> ((JsonObject) h).getString("action")).toList()).contains("notified");
      assertThat(history.stream().map(h -> ((JsonObject) h).getString("note")).filter(n -> n != null && n.contains("sms → 县值班领导"))
          .toList()).hasSize(2);

      // when: acknowledged in the console
      HttpResponse<String> ack = http.as(OPERATOR).send("POST", "/api/alarms/" + id + "/ack", "{\"note\":\"已联系门卫\"}");
      assertThat(ack.statusCode()).isEqualTo(200);

      // then: those already reached are told, and nobody is called again past the next step (12 s after opening)
      await().atMost(Duration.ofSeconds(20)).until(() -> robots.accepted().stream().filter(r -> r.body().contains("【已确认】")).count() >= 3);
      int alarmNotices = (int) robots.accepted().stream().filter(r -> r.body().contains("告警】")).count();
      long sinceOpen = System.currentTimeMillis() - committedAt;
      await().during(Duration.ofMillis(Math.max(1_000, 13_000 - sinceOpen))).atMost(Duration.ofSeconds(30)).until(() ->
          robots.accepted().stream().filter(r -> r.body().contains("告警】")).count() == alarmNotices);
      assertThat(attempts(http, id).stream().filter(a -> a.getInteger("level") >= 3).toList()).isEmpty();
      assertThat(robots.accepted().stream().filter(r -> r.body().contains("【已确认】")).findFirst().orElseThrow().body())
          .contains("确认人: nt-op", "已联系门卫");
    } finally {
      Futures.await(vertx.close());
    }
  }

  private static List<RobotReceiver.Request> mentions(RobotReceiver robots, String mobile) {
    return robots.accepted().stream().filter(r -> r.body().contains(mobile) && r.body().contains("告警】")).toList();
  }

  private static List<JsonObject> attempts(HubHttp http, long id) throws Exception {
    JsonArray a = new JsonObject(http.as(OPERATOR).get("/api/alarms/" + id + "/notifications").body()).getJsonArray("attempts");
    return a.stream().map(o -> (JsonObject) o).toList();
  }

  static HubConfig config(RobotReceiver robots, int smsPort) {
    NotifyConfig notify = new NotifyConfig("http://127.0.0.1:8080/", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(200), 2, null, null,
        new NotifyConfig.WeCom(robots.base() + "/cgi-bin/webhook/send", "k-e2e"),
        new NotifyConfig.DingTalk(robots.base() + "/robot/send", "t-e2e", "SECe2e"),
        new NotifyConfig.Sms("http://127.0.0.1:" + smsPort + "/sms", "POST", null, null, "{\"to\":\"${mobile}\",\"text\":\"${text}\"}", null),
        null);
    Escalation.Policy fast = new Escalation.Policy(Duration.ofSeconds(3), Duration.ofSeconds(12), Duration.ofSeconds(15));
    HubConfig.Alarms alarms = new HubConfig.Alarms(null, Duration.ofMillis(100), Map.of("panic", fast), null);
    return new HubConfig(null, null, null, alarms, new HubConfig.Supervision(Duration.ofSeconds(20), Duration.ofMillis(100)), null, null, null, notify, null);
  }

  static JsonObject person(String name, String mobile, String... channels) {
    return new JsonObject().put("name", name).put("mobile", mobile).put("channels", new JsonArray(List.of(channels)));
  }

  static JsonObject roster() {
    return new JsonObject().put("version", 0).put("note", "测试值班表").put("roster", new JsonObject()
        .put("calendar", new JsonObject().put("dayStarts", "00:00").put("dayEnds", "23:59"))
        .put("duties", new JsonArray()
            .add(new JsonObject().put("campus", CAMPUS).put("level", 1).put("person", person("王校长", "13800009211", "wecom")))
            .add(new JsonObject().put("town", TOWN).put("level", 1).put("person", person("镇值班员", "13900009211", "dingtalk")))
            .add(new JsonObject().put("level", 2).put("person", person("县值班领导", "13700009211", "sms", "wecom"))))
        .put("fallback", new JsonArray().add(person("县安全中心", "13600009211", "wecom"))));
  }
}
