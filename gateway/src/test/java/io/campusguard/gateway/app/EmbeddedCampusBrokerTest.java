package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.EmbeddedBrokerSettings;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.mqtt.EmbeddedCampusBroker;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway running its own campus broker: the device's PUBACK waits for the outbox. */
@Timeout(180)
class EmbeddedCampusBrokerTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private CampusGateway gateway;
  private ScriptedHub hub;
  private MqttAsyncClient device;

  @AfterEach
  void tearDown() throws Exception {
    if (device != null) {
      device.disconnect().waitForCompletion(2_000);
      device.close(true);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (hub != null) {
      hub.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies that a panic publish is acknowledged to the device only after the gateway has it in its outbox,
   * and that it then reaches the county side.
   */
  @Test
  void panicPubackWaitsUntilTheAlarmIsInTheOutbox() throws Exception {
    String campus = "T-E" + Long.toHexString(System.nanoTime());
    // rules that hold the message (on the broker's thread) until the test lets go
    RulesHook holding = (message, now) -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return RulesHook.PASS_THROUGH.apply(message, now);
    };
    BrokerLink county = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    GatewayConfig config = new GatewayConfig(campus, null, null, county,
        new EmbeddedBrokerSettings(null, 0, dir.resolve("broker").toString()),
        new OutboxSettings(dir.resolve("outbox.db").toString(), null, null, null), null, null);
    hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus);
    gateway = CampusGateway.start(config, holding, Clock.systemUTC(), loop, scheduler);
    assertThat(gateway.campusConnector().state()).isEqualTo(GatewayHealth.ConnectorState.UP);
    String url = ((EmbeddedCampusBroker) gateway.campusConnector()).url();

    device = new MqttAsyncClient(url, "PB-1-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    device.connect(options).waitForCompletion(10_000);

    // when the device publishes a panic alarm
    byte[] payload = new EventCodec(Clock.systemUTC()).encodeDevice(Instant.now(), new PanicEvent(PanicEvent.Action.PRESSED));
    IMqttToken puback = device.publish(Topics.campusDevice(campus, io.campusguard.devices.EventKind.PANIC, "PB-1"), payload, 1, false);

    // then while the gateway holds it, the device has no PUBACK and the outbox nothing
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(puback.isComplete()).isFalse();
    assertThat(gateway.outbox().laneStats().get(Priority.P0).depth()).isZero();

    // and once stored, the PUBACK comes, and the alarm is already in the outbox or even at the county side
    release.countDown();
    puback.waitForCompletion(20_000);
    // success (0) or "no matching subscribers" (16): both below 0x80, i.e. accepted
    assertThat(puback.getReasonCodes()).hasSize(1);
    assertThat(puback.getReasonCodes()[0]).isLessThan(0x80);
    assertThat(gateway.pipeline().stored(Priority.P0)).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.distinct().size() == 1);
    List<EventEnvelope> got = List.copyOf(hub.distinct().values());
    assertThat(got.get(0).priority()).isEqualTo(Priority.P0);
    assertThat(got.get(0).device()).isEqualTo("PB-1");
    assertThat(hub.distinct()).isNotEqualTo(Map.of());
  }
}
