package io.campusguard.gateway.vendorjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Vendors pushing JSON by HTTP: the token is checked, templates map what they can, the rest is a dead letter. */
@Timeout(60)
class VendorJsonPushTest {
  static final String ACME_TOKEN = "acme-token-0123456789";
  static final String LORA_TOKEN = "lora-token-0123456789";
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String campus = "T-" + Long.toHexString(System.nanoTime());
  private CampusGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies a wrong token is 401 and stores nothing, a malformed body and an unmappable one are dead letters with
   * their reasons (422), and a good vendor message and a ChirpStack v4 uplink event become readings in the outbox.
   */
  @Test
  void tokensTemplatesAndDeadLetters() throws Exception {
    gateway = CampusGateway.start(config(), Clock.systemUTC(), loop, scheduler);
    String now = Instant.now().toString();
    String acme = "{\"sn\":\"" + campus + "-FZ-07\",\"ts\":\"" + now + "\",\"data\":{\"temp\":-19.5}}";

    assertThat(post("acme", "wrong-token-0123456789", acme).statusCode()).isEqualTo(401);
    assertThat(post("acme", null, acme).statusCode()).isEqualTo(401);
    assertThat(post("lora", ACME_TOKEN, acme).statusCode()).as("another vendor's token").isEqualTo(401);

    HttpResponse<String> malformed = post("acme", ACME_TOKEN, "{\"sn\": ");
    assertThat(malformed.statusCode()).isEqualTo(422);
    HttpResponse<String> unmappable = post("acme", ACME_TOKEN, "{\"sn\":\"" + campus + "-FZ-07\",\"data\":{\"temp\":\"cold\"}}");
    assertThat(unmappable.statusCode()).isEqualTo(422);
    assertThat(unmappable.body()).contains("/data/temp", "not a number");
    assertThat(gateway.pipeline().rejected()).isEqualTo(2);
    assertThat(stored()).isEmpty();

    assertThat(post("acme", ACME_TOKEN, acme).statusCode()).isEqualTo(202);
    String uplink = new String(VendorJsonPushTest.class.getResourceAsStream("/vendorjson/chirpstack-v4-up.json").readAllBytes(),
        StandardCharsets.UTF_8).replace("TIME", now.replace("Z", "+00:00"));
    assertThat(post("lora", LORA_TOKEN, uplink).statusCode()).isEqualTo(202);

    // 202 means stored: no wait needed
    List<EventEnvelope> stored = stored();
    assertThat(stored).anySatisfy(e -> {
      assertThat(e.device()).isEqualTo(campus + "-FZ-07");
      assertThat(e.body()).isEqualTo(CanteenReading.of(Quantity.FREEZER_TEMPERATURE, -19.5));
      assertThat(e.sourceTs()).isEqualTo(Instant.parse(now));
    });
    assertThat(stored).anySatisfy(e -> {
      assertThat(e.device()).isEqualTo(campus + "-CS-05");
      assertThat(e.body()).isEqualTo(CanteenReading.of(Quantity.COLD_STORE_TEMPERATURE, 3.2));
    });
    assertThat(stored).hasSize(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.connectorStatus().containsKey("vendorjson"));
  }

  /** Verifies a template without its device pointer, or a short token, refuses the config naming the field. */
  @Test
  void aBadTemplateRefusesToStartNamingTheField() {
    assertThatThrownBy(() -> CampusGateway.start(parse(String.join("\n",
        "connectors:",
        "  vendorJson:",
        "    port: 0",
        "    vendors:",
        "      acme: { token: " + ACME_TOKEN + ", readings: [ { quantity: humidity, value: /h } ] }")), Clock.systemUTC(), loop, scheduler))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.vendorJson.vendors.acme.device");
    assertThatThrownBy(() -> CampusGateway.start(parse(String.join("\n",
        "connectors:",
        "  vendorJson:",
        "    port: 0",
        "    vendors:",
        "      acme: { token: short, device: /sn, readings: [ { quantity: humidity, value: /h } ] }")), Clock.systemUTC(), loop, scheduler))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("connectors.vendorJson.vendors.acme.token");
  }

  private HttpResponse<String> post(String vendor, String token, String body) throws Exception {
    int port = gateway.connectors().stream().map(b -> b.connector()).filter(VendorJsonConnector.class::isInstance)
        .map(VendorJsonConnector.class::cast).findFirst().orElseThrow().port();
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/vendor/" + vendor))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<EventEnvelope> stored() throws Exception {
    return gateway.outbox().next(Map.of(), 1000).get(5, TimeUnit.SECONDS);
  }

  private GatewayConfig config() {
    return parse(String.join("\n",
        "connectors:",
        "  vendorJson:",
        "    bindAddress: 127.0.0.1",
        "    port: 0",
        "    vendors:",
        "      acme: { token: " + ACME_TOKEN + ", device: /sn, timestamp: /ts, readings: [ { quantity: freezer_temperature, value: /data/temp } ] }",
        "      lora:",
        "        token: " + LORA_TOKEN,
        "        preset: chirpstack_v4",
        "        readings: [ { quantity: cold_store_temperature, value: /object/temperature } ]",
        "        devices: { \"0102030405060708\": " + campus + "-CS-05 }",
        ""));
  }

  private GatewayConfig parse(String body) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        body);
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
