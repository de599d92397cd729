package io.campusguard.gateway.vendorjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.CanteenReading.Quantity;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * A ChirpStack v4 uplink event, in the shape its documentation gives, published by {@code mosquitto_pub} on the
 * topic ChirpStack's MQTT integration uses, becomes a reading of the device its DevEUI is mapped to; one the
 * template cannot map (a DevEUI not in the table) is a dead letter.
 */
@Timeout(60)
class ChirpStackUplinkTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
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

  /** Verifies a mapped uplink is stored as a reading and an unmapped DevEUI is refused as a dead letter. */
  @Test
  void anUplinkPublishedWithMosquittoPubBecomesAReading() throws Exception {
    gateway = CampusGateway.start(config(), Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.connectorStatus().get("vendorjson-mqtt").state() == ConnectorState.UP);

    String app = "17c82e96-be03-4f38-aef3-f83d48582d97";
    String uplink = new String(ChirpStackUplinkTest.class.getResourceAsStream("/vendorjson/chirpstack-v4-up.json").readAllBytes(),
        StandardCharsets.UTF_8).replace("TIME", Instant.now().toString().replace("Z", "+00:00"));
    publish("application/" + app + "/device/0102030405060708/event/up", uplink);
    publish("application/" + app + "/device/ffffffffffffffff/event/up", uplink.replace("0102030405060708", "ffffffffffffffff"));

    await().atMost(Duration.ofSeconds(20)).until(() -> stored().size() == 1 && gateway.pipeline().rejected() == 1);
    assertThat(stored()).singleElement().satisfies(e -> {
      assertThat(e.device()).isEqualTo(campus + "-CS-05");
      assertThat(e.body()).isEqualTo(CanteenReading.of(Quantity.COLD_STORE_TEMPERATURE, 3.2));
    });
  }

  private void publish(String topic, String payload) throws Exception {
    Path file = Files.writeString(dir.resolve("uplink.json"), payload);
    URI broker = URI.create(TestServices.mqttUrl());
    Process p = new ProcessBuilder("mosquitto_pub", "-h", broker.getHost(), "-p", String.valueOf(broker.getPort()),
        "-u", TestServices.mqttUser(), "-P", TestServices.mqttPassword(), "-q", "1", "-t", topic, "-f", file.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  private List<EventEnvelope> stored() throws Exception {
    return gateway.outbox().next(Map.of(), 1000).get(5, TimeUnit.SECONDS);
  }

  private GatewayConfig config() {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        "connectors:",
        "  vendorJson:",
        "    vendors:",
        "      lora:",
        "        topic: application/+/device/+/event/up",
        "        preset: chirpstack_v4",
        "        readings: [ { quantity: cold_store_temperature, value: /object/temperature } ]",
        "        devices: { \"0102030405060708\": " + campus + "-CS-05 }",
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
