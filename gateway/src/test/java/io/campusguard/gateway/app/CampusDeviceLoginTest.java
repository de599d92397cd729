package io.campusguard.gateway.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.DeviceAccounts;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.EmbeddedBrokerSettings;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.mqtt.EmbeddedCampusBroker;
import io.campusguard.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices log in to the gateway's own campus broker with their own credentials: a device without or with
 * wrong credentials gets nothing in, and a device publishing as another device stores nothing; the refusals
 * show in the gateway's metrics.
 */
@Timeout(180)
class CampusDeviceLoginTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private CampusGateway gateway;

  @AfterEach
  void tearDown() {
    if (gateway != null) {
      gateway.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /** Verifies that only a listed device with its own password stores an event, and only under its own id. */
  @Test
  void onlyListedDevicesStoreTheirOwnEvents() throws Exception {
    String campus = "T-D" + Long.toHexString(System.nanoTime()).substring(8);
    String button = campus + "-PB-01";
    String sensor = campus + "-CS-01";
    DeviceAccounts.writeFiles(dir, Map.of(button, "pb-secret", sensor, "cs-secret"), new BcryptPasswords(new SecureRandom(), 4));
    BrokerLink county = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    GatewayConfig config = new GatewayConfig(campus, null, null, county,
        new EmbeddedBrokerSettings(null, 0, dir.resolve("broker").toString(), null, dir.resolve(DeviceAccounts.ACCOUNTS).toString(), null),
        new OutboxSettings(dir.resolve("outbox.db").toString(), null, null, null), null, null);
    gateway = CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
    EmbeddedCampusBroker broker = (EmbeddedCampusBroker) gateway.campusConnector();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    GatewayMetrics.bind(metrics, gateway);
    byte[] press = new EventCodec(Clock.systemUTC()).encodeDevice(Instant.now(), new PanicEvent(PanicEvent.Action.PRESSED));

    // no password, a wrong one, another device's: refused at CONNECT
    assertThatThrownBy(() -> connect(broker.url(), button, null)).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect(broker.url(), button, "wrong")).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect(broker.url(), button, "cs-secret")).isInstanceOf(MqttException.class);
    // the sensor publishing a press as the button: refused, nothing stored
    MqttClient forger = connect(broker.url(), sensor, "cs-secret");
    try {
      forger.publish(Topics.campusDevice(campus, EventKind.PANIC, button), press, 1, false);
    } catch (MqttException refused) {
      // refused in the PUBACK, or the connection dropped
    }
    forger.disconnectForcibly(1_000);
    forger.close();
    assertThat(gateway.pipeline().received()).as("nothing reached the ingest pipeline").isZero();
    assertThat(gateway.pipeline().stored(Priority.P0)).isZero();

    // control: the button itself
    MqttClient real = connect(broker.url(), button, "pb-secret");
    real.publish(Topics.campusDevice(campus, EventKind.PANIC, button), press, 1, false);
    real.disconnect();
    real.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.pipeline().stored(Priority.P0) == 1);

    assertThat(metrics.get("cg_campus_broker_refusals").tag("kind", "bad_credentials").functionCounter().count()).isEqualTo(3);
    assertThat(metrics.get("cg_campus_broker_refusals").tag("kind", "publish_denied").functionCounter().count()).isEqualTo(1);
    // Oversized packets are counted by the broker (EmbeddedMqttBrokerTest); here: exported, and none were sent.
    assertThat(metrics.get("cg_campus_broker_oversized_packets").functionCounter().count()).isZero();
  }

  private static MqttClient connect(String url, String username, String password) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(username);
    if (password != null) {
      o.setPassword(password.getBytes(UTF_8));
    }
    o.setConnectionTimeout(10);
    MqttClient c = new MqttClient(url, username + "-" + UUID.randomUUID(), new MemoryPersistence());
    try {
      c.connect(o);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
