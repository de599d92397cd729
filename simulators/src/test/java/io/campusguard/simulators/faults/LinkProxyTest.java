package io.campusguard.simulators.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link blackhole's proxy, between an MQTT client and the real Mosquitto. */
@Timeout(120)
class LinkProxyTest {
  private Vertx vertx;
  private LinkProxy proxy;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    URI broker = URI.create(TestServices.mqttUrl());
    proxy = LinkProxy.start(vertx, broker.getHost(), broker.getPort()).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private MqttAsyncClient client(String id) throws Exception {
    return new MqttAsyncClient(proxy.url(), id + "-" + System.nanoTime(), new MemoryPersistence());
  }

  private static MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(TestServices.mqttUser());
    o.setPassword(TestServices.mqttPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    o.setConnectionTimeout(30);
    o.setKeepAliveInterval(60);
    return o;
  }

  /**
   * Verifies a blackholed link moves nothing (a QoS 1 publish gets no PUBACK, a new connection no CONNACK) and
   * resets nothing, and that the stalled publish completes on the same connection once the blackhole ends.
   */
  @Test
  void blackholeStallsTrafficUntilItEnds() throws Exception {
    MqttAsyncClient gateway = client("cg-proxy-test");
    gateway.connect(options()).waitForCompletion(10_000);
    // Control: through the open proxy a publish is acknowledged.
    gateway.publish("county/LP-900/events", new MqttMessage("before".getBytes(), 1, false, null)).waitForCompletion(10_000);

    proxy.blackhole(true).await(5, TimeUnit.SECONDS);
    IMqttToken stalled = gateway.publish("county/LP-900/events", new MqttMessage("during".getBytes(), 1, false, null));
    MqttAsyncClient late = client("cg-proxy-late");
    IMqttToken connecting = late.connect(options());
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> !stalled.isComplete() && !connecting.isComplete() && gateway.isConnected());

    proxy.blackhole(false).await(5, TimeUnit.SECONDS);
    stalled.waitForCompletion(20_000);
    assertThat(stalled.getException()).isNull();
    assertThat(gateway.isConnected()).isTrue();
    assertThat(proxy.connections()).isEqualTo(2);

    gateway.disconnect().waitForCompletion(5_000);
    gateway.close();
    late.close(true);
  }
}
