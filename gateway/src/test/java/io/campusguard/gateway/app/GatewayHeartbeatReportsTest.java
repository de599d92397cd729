package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the county of a campus through the gateway's heartbeat: the garbage a device sent (counted, the newest
 * with the field and reason), and the device profiles the county changed.
 */
@Timeout(90)
class GatewayHeartbeatReportsTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private CampusGateway gateway;
  private ScriptedHub hub;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (hub != null) {
      hub.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies that a device's garbage shows in the heartbeat the county receives, with its topic, field and reason. */
  @Test
  void aDeviceSendingGarbageShowsInTheHeartbeat() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus);
    gateway = CampusGateway.start(config(campus, ""), Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.campusState() == ConnectorState.UP);
    // before: nothing refused
    await().atMost(Duration.ofSeconds(20)).until(() -> lastHeartbeat() != null);
    assertThat(lastHeartbeat().deviceInput().refused()).isZero();

    String topic = "campus/" + campus + "/panic/" + campus + "-PB-01";
    try (DevicePublisher devices = new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      devices.publish(campus + "-PB-02", new PanicEvent(PanicEvent.Action.PRESSED));
      devices.raw(topic, ("{\"ts\":\"" + java.time.Instant.now() + "\",\"action\":\"smashed\"}").getBytes(StandardCharsets.UTF_8));
    }

    // counted, then kept among the recent: a heartbeat taken in between has the count only
    await().atMost(Duration.ofSeconds(20)).until(() -> lastHeartbeat().deviceInput().refused() == 1
        && lastHeartbeat().deviceInput().recent().size() == 1);
    GatewayHealth.DeviceInput input = lastHeartbeat().deviceInput();
    assertThat(input.recent()).singleElement().satisfies(r -> {
      assertThat(r.source()).isEqualTo(topic);
      assertThat(r.field()).isEqualTo("action");
      assertThat(r.reason()).isEqualTo("unknown_value");
    });
  }

  /** Verifies that the profiles the county changed travel in the heartbeat, and only those. */
  @Test
  void theProfilesTheCountyChangedTravelInTheHeartbeat() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus);
    gateway = CampusGateway.start(config(campus, String.join("\n",
        "profiles: { gas_sensor: { reportingInterval: 10s } }",
        "devices:",
        "  - { id: " + campus + "-CS-01, type: cold_store_sensor, profile: { missedReportsAllowed: 5 } }",
        "  - { id: " + campus + "-CS-02, type: cold_store_sensor }")), Clock.systemUTC(), loop, scheduler);

    await().atMost(Duration.ofSeconds(30)).until(() -> lastHeartbeat() != null);
    var profiles = lastHeartbeat().profiles();
    assertThat(profiles.types()).containsOnlyKeys(DeviceType.GAS_SENSOR);
    assertThat(profiles.types().get(DeviceType.GAS_SENSOR).reportingInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(profiles.devices()).containsOnlyKeys(campus + "-CS-01");
    assertThat(profiles.devices().get(campus + "-CS-01").missedReportsAllowed()).isEqualTo(5);
  }

  private GatewayHealth lastHeartbeat() {
    List<GatewayStatus> s = hub.statuses();
    for (int i = s.size() - 1; i >= 0; i--) {
      if (s.get(i).health().state() == GatewayHealth.State.HEARTBEAT) {
        return s.get(i).health();
      }
    }
    return null;
  }

  private GatewayConfig config(String campus, String more) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        "uplink: { heartbeatInterval: 300ms }",
        more,
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
