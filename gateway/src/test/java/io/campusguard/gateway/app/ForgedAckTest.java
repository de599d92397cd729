package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.gateway.uplink.UplinkConfig;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A commit ack for sequences the gateway never sent deletes nothing: it is refused and counted. */
@Timeout(120)
class ForgedAckTest {
  @TempDir Path dir;

  /**
   * Verifies that an ack saying "committed up to 1,000,000" of the gateway's own outbox, published on the ack
   * topic while most events are still unsent, deletes none of them, is counted, and that every event then arrives
   * once the real hub acks.
   */
  @Test
  void ackBeyondTheLastSentSequenceDeletesNothing() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    BrokerLink shared = BrokerLink.of(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
    try (ScriptedHub hub = new ScriptedHub(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      hub.setAcking(false); // a hub whose database is down: the window fills and the rest waits in the outbox
      UplinkConfig uplink = new UplinkConfig(10, 5, 1, null, null, Duration.ZERO, null, null);
      GatewayConfig config = new GatewayConfig(campus, null, shared, shared, null,
          new OutboxSettings(dir.resolve(campus + ".db").toString(), null, null, null), uplink, null);
      try (CampusGateway gateway = CampusGateway.start(config, RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler);
          DevicePublisher devices = new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.campusConnector().state() == GatewayHealth.ConnectorState.UP
            && gateway.uplink().state() == GatewayHealth.ConnectorState.UP);
        int readings = 100;
        for (int i = 0; i < readings; i++) {
          devices.publish("CS-" + (i % 3), CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i / 10.0));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> depth(gateway) == readings && hub.distinct().size() == 10);

        forgeAck(campus, gateway.outbox().outboxId());

        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.uplink().acksBeyondSent() == 1);
        assertThat(depth(gateway)).isEqualTo(readings);
        assertThat(gateway.uplink().eventsAcked()).isZero();
        // control: the real hub's acks still empty the outbox, and every event arrives
        hub.setAcking(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.distinct().size() == readings && depth(gateway) == 0);
        assertThat(gateway.uplink().acksBeyondSent()).isEqualTo(1);
      }
    } finally {
      scheduler.shutdownNow();
      loop.shutdownNow();
    }
  }

  private static long depth(CampusGateway gateway) {
    return gateway.outbox().laneStats().values().stream().mapToLong(GatewayHealth.LaneStats::depth).sum();
  }

  /** Anyone who may publish on the county broker's ack topic, knowing the outbox id from a sniffed batch. */
  private static void forgeAck(String campus, String outboxId) throws Exception {
    MqttAsyncClient attacker = new MqttAsyncClient(TestServices.mqttUrl(), "x-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(TestServices.mqttUser());
    options.setPassword(TestServices.mqttPassword().getBytes(StandardCharsets.UTF_8));
    attacker.connect(options).waitForCompletion(10_000);
    try {
      byte[] ack = EventCodec.withDefaults().encodeAck(new CommitAck(campus, List.of(), 1_000_000, Instant.now(), outboxId));
      attacker.publish(Topics.county(campus, Topics.CountyChannel.ACK), ack, 1, false).waitForCompletion(10_000);
    } finally {
      attacker.disconnect().waitForCompletion(10_000);
      attacker.close();
    }
  }
}
