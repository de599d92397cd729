package io.campusguard.hub.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.body.CameraStatus;
import io.campusguard.hub.Futures;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The upstream hand-off against a real HTTP receiver that fails twice before it accepts. */
@Timeout(120)
class WebhookTest {
  private record Received(String key, JsonObject body, String timestamp, String signature, String expected) {}
  private static final String SECRET = "a-secret-shared-with-the-city";

  /** Verifies that a P0 alarm is posted with retries under one idempotency key, recorded, and that P1 alarms are not posted. */
  @Test
  void p0AlarmIsDeliveredWithRetriesOnce() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<Received> received = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer upstream = Futures.await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      // The receiver's own check, written from the documented scheme: HMAC-SHA256 of "<timestamp>.<body>".
      String ts = req.getHeader("X-CampusGuard-Timestamp");
      received.add(new Received(req.getHeader("Idempotency-Key"), body.toJsonObject(), ts, req.getHeader("X-CampusGuard-Signature"),
          ts == null ? null : hmac(ts + "." + body.toString(java.nio.charset.StandardCharsets.UTF_8))));
      req.response().setStatusCode(calls.incrementAndGet() <= 2 ? 503 : 200).end();
    })).listen(0, "127.0.0.1"));
    HubConfig.Webhook webhook = new HubConfig.Webhook("http://127.0.0.1:" + upstream.actualPort() + "/alarms",
        Duration.ofMillis(100), Duration.ofMillis(400), 10, Duration.ofSeconds(2), SECRET);
    try (TestDatabase db = new TestDatabase();
        TestHub hub = new TestHub(db.config(), "u" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(20), null, webhook);
        ScriptedGateway gw = new ScriptedGateway("LP-901")) {
      gw.send(TestEvents.batch("LP-901", List.of(
          TestEvents.panic("LP-901", "LP-901-PB-01", 1),
          TestEvents.event("LP-901", "LP-901-CAM-01", 2, new CameraStatus(CameraStatus.Role.CAMERA, CameraStatus.State.OFFLINE, null), Instant.now()))));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'")).isEqualTo(1));
      assertThat(db.count("SELECT attempts FROM webhook_deliveries")).isEqualTo(3);
      assertThat(received).hasSize(3);
      assertThat(received).extracting(Received::key).containsOnly(received.get(0).key()).doesNotContainNull();
      assertThat(received.get(2).body().getJsonObject("alarm").getString("type")).isEqualTo("panic");
      // every attempt signed over its own timestamp and the bytes sent
      assertThat(received).allSatisfy(r -> {
        assertThat(r.signature()).isEqualTo(r.expected()).startsWith("sha256=");
        assertThat(Long.parseLong(r.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
      });
      assertThat(received.get(2).body().getJsonObject("change").getString("action")).isEqualTo("opened");
      // the camera alarm (P1) exists but was not handed upstream
      // (its own device's queue: it may be opened after the panic's delivery)
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM alarms WHERE type = 'camera_offline'")).isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM webhook_deliveries")).isEqualTo(1);

      // a state change of the P0 alarm is its own delivery
      long id = db.count("SELECT id FROM alarms WHERE type = 'panic'");
      HttpResponse<String> ack = new HubHttp(hub).send("POST", "/api/alarms/" + id + "/ack", null, "op-webhook");
      assertThat(ack.statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(db.count("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'")).isEqualTo(2));
      assertThat(received.get(received.size() - 1).body().getJsonObject("change").getString("action")).isEqualTo("acknowledged");
      assertThat(received.get(received.size() - 1).key()).isNotEqualTo(received.get(0).key());
    } finally {
      Futures.await(vertx.close());
    }
  }

  private static String hmac(String signed) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies that plaintext and unsigned hand-offs are warned about, and a short secret refused naming the field. */
  @Test
  void plaintextAndUnsignedAreWarnedAbout() {
    assertThat(new HubConfig.Webhook("http://city.example/a", null, null, null, null).warnings())
        .anySatisfy(w -> assertThat(w).contains("http://")).anySatisfy(w -> assertThat(w).contains("webhook.secret"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HubConfig.Webhook("https://city.example/a", null, null, null, null, "short"))
        .hasMessageStartingWith("webhook.secret");
    // control: https with a secret, nothing to say
    assertThat(new HubConfig.Webhook("https://city.example/a", null, null, null, null, SECRET).warnings()).isEmpty();
  }

  /** Verifies the retry schedule doubles to its cap and gives up after its attempts. */
  @Test
  void retryScheduleDoublesToCap() {
    RetrySchedule s = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(5), 4);
    assertThat(s.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.delayAfter(10)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.exhausted(3)).isFalse();
    assertThat(s.exhausted(4)).isTrue();
  }
}
