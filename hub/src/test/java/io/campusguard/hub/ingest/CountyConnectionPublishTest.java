package io.campusguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Commit acks in a burst, as a busy hub sends them, against real Mosquitto: far more at once than the broker's
 * receive maximum (20). Paho refuses publishes beyond that window; every ack must still be published, and on both
 * sessions (the alarm session's acks do not queue behind the main one's).
 */
@Timeout(120)
class CountyConnectionPublishTest {
  private static final int ACKS = 1_000;

  @Test
  void aBurstOfAcksBeyondTheBrokersWindowIsAllPublished() throws Exception {
    Vertx vertx = Vertx.vertx();
    String campus = "LP-PUB" + (System.nanoTime() % 10_000);
    MqttConfig config = new MqttConfig(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(),
        "hub-pub-" + System.nanoTime());
    CountyConnection.Handler ignore = (topic, payload) -> Future.succeededFuture();
    CountyConnection connection = new CountyConnection(config, vertx.getOrCreateContext(), ignore, ignore);
    EventCodec codec = EventCodec.withDefaults();
    try (ScriptedGateway gateway = new ScriptedGateway(campus)) {
      connection.start().await(60, TimeUnit.SECONDS);
      String topic = Topics.county(campus, Topics.CountyChannel.ACK);
      List<Future<Void>> sent = new ArrayList<>();
      for (int i = 1; i <= ACKS; i++) {
        byte[] ack = codec.encodeAck(new CommitAck(campus, List.of(), i, Instant.now()));
        sent.add(i % 10 == 0 ? connection.publishUrgent(topic, ack) : connection.publish(topic, ack));
      }
      Future.join(sent).await(60, TimeUnit.SECONDS);
      assertThat(sent).allMatch(Future::succeeded);
      await().atMost(Duration.ofSeconds(30)).until(() -> gateway.acks().size() >= ACKS);
      Set<Long> upTo = new TreeSet<>();
      gateway.acks().forEach(a -> upTo.add(a.committedUpTo()));
      assertThat(upTo).hasSize(ACKS);
      assertThat(connection.queuedPublishes()).isZero();
    } finally {
      connection.stop().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
