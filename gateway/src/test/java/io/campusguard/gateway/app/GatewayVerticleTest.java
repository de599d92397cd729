package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.DeviceSchemas;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.HttpSettings;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.runtime.Version;
import io.campusguard.testing.TestServices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The deployed verticle: health and metrics over HTTP, two gateways side by side in one JVM. */
@Timeout(60)
class GatewayVerticleTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Verifies that two gateways run in one JVM, each serving its own health and metrics on its own port. */
  @Test
  void servesHealthAndMetricsPerGateway() throws Exception {
    GatewayVerticle a = deploy("T-A" + Long.toHexString(System.nanoTime()));
    GatewayVerticle b = deploy("T-B" + Long.toHexString(System.nanoTime()));
    assertThat(a.httpPort()).isPositive().isNotEqualTo(b.httpPort());

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      JsonObject h = new JsonObject(get(a.httpPort(), "/health"));
      return "UP".equals(h.getJsonObject("connectors").getString("campus"))
          && "UP".equals(h.getJsonObject("connectors").getString("county"));
    });
    String campus = a.gateway().config().campus();
    try (DevicePublisher devices = new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      devices.publish("PB-1", new PanicEvent(PanicEvent.Action.PRESSED));
      devices.raw("campus/" + campus + "/panic/PB-1", "nope".getBytes());
    }
    // received is counted as a message comes in, rejected once it is decoded
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      JsonObject ingest = new JsonObject(get(a.httpPort(), "/health")).getJsonObject("ingest");
      return ingest.getLong("received") == 2 && ingest.getLong("rejected") == 1;
    });
    JsonObject health = new JsonObject(get(a.httpPort(), "/health"));
    assertThat(health.getString("campus")).isEqualTo(campus);
    // the build's version, the same the launcher's --version prints
    assertThat(health.getString("version")).isEqualTo(Version.current()).isNotEqualTo("unknown");
    assertThat(health.getJsonObject("ingest").getLong("rejected")).isEqualTo(1);
    assertThat(health.getJsonObject("outbox").getJsonObject("lanes").getJsonObject("P0").containsKey("depth")).isTrue();
    // the other gateway saw nothing of it
    assertThat(new JsonObject(get(b.httpPort(), "/health")).getJsonObject("ingest").getLong("received")).isZero();

    String metrics = get(a.httpPort(), "/metrics");
    assertThat(metrics).contains("cg_ingest_rejected_total{campus=\"" + campus + "\"} 1.0");
    assertThat(metrics).contains("cg_outbox_depth{campus=\"" + campus + "\",lane=\"P0\"}");
  }

  /** Verifies that the gateway serves each device kind's schema as the devices jar holds it, and 404 for others. */
  @Test
  void servesTheDeviceSchemas() throws Exception {
    GatewayVerticle a = deploy("T-S" + Long.toHexString(System.nanoTime()));
    for (EventKind kind : DeviceSchemas.kinds()) {
      HttpResponse<byte[]> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpPort() + "/schemas/" + kind.wireName() + ".json")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/schema+json");
      assertThat(r.body()).isEqualTo(DeviceSchemas.of(kind));
    }
    for (String other : List.of("gateway.json", "alarm.json", "panic", "..%2Fpom.xml")) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpPort() + "/schemas/" + other)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(other).isEqualTo(404);
    }
  }

  private GatewayVerticle deploy(String campus) throws Exception {
    BrokerLink mqtt = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    GatewayConfig config = new GatewayConfig(campus, null, mqtt, mqtt, null,
        new OutboxSettings(dir.resolve(campus + ".db").toString(), null, null, null), null, new HttpSettings(null, 0));
    GatewayVerticle verticle = new GatewayVerticle(config, RulesHook.PASS_THROUGH, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return verticle;
  }

  private String get(int port, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
