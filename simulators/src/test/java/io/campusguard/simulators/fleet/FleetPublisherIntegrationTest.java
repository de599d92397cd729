package io.campusguard.simulators.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.simulators.county.County;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.testing.TestServices;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fleet publisher against the real Mosquitto started by scripts/test.sh. */
@Timeout(60)
class FleetPublisherIntegrationTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Verifies that a minute of three campuses' devices is published, PUBACKed, and arrives decodable. */
  @Test
  void aMinuteOfThreeCampusesArrives() throws Exception {
    County county = CountyScenario.generate(2025);
    List<String> campuses = List.of("LP-001", "LP-017", "LP-129");
    URI broker = URI.create(TestServices.mqttUrl());
    EventCodec codec = EventCodec.withDefaults();
    Set<String> received = ConcurrentHashMap.newKeySet();
    Set<String> undecodable = ConcurrentHashMap.newKeySet();
    MqttClient subscriber =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("itest-fleet-sub-" + UUID.randomUUID())
                .setUsername(TestServices.mqttUser())
                .setPassword(TestServices.mqttPassword())
                .setMaxMessageSize(1 << 20));
    subscriber.publishHandler(
        m -> {
          var decoded = codec.decodeDevice(m.topicName(), m.payload().getBytes());
          if (decoded.isOk()) {
            received.add(decoded.orElseThrow().device() + "@" + decoded.orElseThrow().sourceTs());
          } else {
            undecodable.add(m.topicName());
          }
        });
    await(subscriber.connect(broker.getPort(), broker.getHost()));
    for (String c : campuses) {
      await(subscriber.subscribe(Topics.campusFilter(c), MqttQoS.AT_LEAST_ONCE.value()));
    }

    Instant start = Instant.now().minusSeconds(60);
    FleetSimulation sim = new FleetSimulation(county, FleetSettings.COUNTY_DEFAULTS.withPanicRate(0), 3, start);
    List<Emission> minute =
        sim.advanceTo(start.plusSeconds(60)).stream().filter(e -> campuses.contains(e.campus())).toList();
    FleetPublisher publisher =
        new FleetPublisher(vertx, codec, broker.getHost(), broker.getPort(), TestServices.mqttUser(), TestServices.mqttPassword());
    await(publisher.connect(campuses));

    await(Future.all(minute.stream().map(publisher::publish).toList()));

    assertThat(minute).hasSizeGreaterThan(50);
    assertThat(publisher.acknowledged()).isEqualTo(minute.size());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(received).hasSize(minute.size()));
    assertThat(undecodable).isEmpty();
    await(publisher.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
