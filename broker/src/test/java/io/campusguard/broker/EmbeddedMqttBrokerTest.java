package io.campusguard.broker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker: our config (loopback, free port), a QoS 1 round trip, an embedded extension. */
@Timeout(120)
class EmbeddedMqttBrokerTest {
  @TempDir Path dir;

  /** Verifies that a broker on port 0 reports its port, carries QoS 1, and runs a registered interceptor. */
  @Test
  void startsOnAFreePortCarriesQos1AndRunsItsExtension() throws Exception {
    List<String> intercepted = new CopyOnWriteArrayList<>();
    ExtensionMain extension = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        PublishInboundInterceptor seen = (input, output) -> intercepted.add(input.getPublishPacket().getTopic());
        Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor(seen));
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
    };
    EmbeddedMqttBroker broker = new EmbeddedMqttBroker("test", BrokerSettings.of(0, dir.resolve("b")), extension);
    broker.start().get(60, SECONDS);
    try {
      assertThat(broker.port()).isPositive();
      assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
      assertThat(Files.readString(dir.resolve("b/conf/config.xml"))).contains("<enabled>false</enabled>").contains("127.0.0.1");

      CompletableFuture<MqttMessage> got = new CompletableFuture<>();
      MqttClient sub = client(broker, got);
      sub.subscribe("campus/LP-017/#", 1);
      MqttClient pub = client(broker, null);
      pub.publish("campus/LP-017/panic/PB-1", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
      assertThat(new String(got.get(10, SECONDS).getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(intercepted).contains("campus/LP-017/panic/PB-1");
      pub.disconnect();
      sub.disconnect();
    } finally {
      broker.stop().get(30, SECONDS);
    }
  }

  /**
   * Verifies that a publish above the broker's packet size limit is refused (the client is disconnected and
   * nothing is delivered) and that a good message from another client still arrives afterwards.
   */
  @Test
  void refusesAnOversizedPacketAndKeepsServingOthers() throws Exception {
    EmbeddedMqttBroker broker = new EmbeddedMqttBroker("limit", BrokerSettings.of(0, dir.resolve("l")).withMaxPacketSize(2048), null);
    broker.start().get(60, SECONDS);
    try {
      assertThat(Files.readString(dir.resolve("l/conf/config.xml"))).contains("<max-packet-size>2048</max-packet-size>");
      List<String> got = new CopyOnWriteArrayList<>();
      CompletableFuture<MqttMessage> good = new CompletableFuture<>();
      MqttClient sub = new MqttClient(broker.url(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
      sub.setCallback(new MqttCallback() {
        @Override public void disconnected(MqttDisconnectResponse r) {}
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void messageArrived(String t, MqttMessage m) {
          got.add(t);
          if (t.endsWith("/good")) {
            good.complete(m);
          }
        }
        @Override public void deliveryComplete(IMqttToken t) {}
        @Override public void connectComplete(boolean reconnect, String uri) {}
        @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
      });
      sub.connect();
      sub.subscribe("campus/#", 1);

      // A raw MQTT 3.1.1 client: Paho's MQTT 5 client would refuse to send a packet above the CONNACK's limit
      // itself, and the broker must be what refuses it.
      try (Socket raw = new Socket("127.0.0.1", broker.port())) {
        raw.setSoTimeout(20_000);
        OutputStream out = raw.getOutputStream();
        InputStream in = raw.getInputStream();
        out.write(packet(0x10, concat(utf8("MQTT"), new byte[] {4, 2, 0, 60}, utf8("big-" + UUID.randomUUID()))));
        out.flush();
        byte[] connack = in.readNBytes(4);
        assertThat(connack).as("CONNACK accepted").containsExactly(0x20, 2, 0, 0);
        out.write(packet(0x30, concat(utf8("campus/LP-017/panic/big"), new byte[4096])));
        out.flush();
        // then the broker closes the connection: end of stream (or a reset), never a reply
        int read;
        try {
          read = in.read();
        } catch (SocketException reset) {
          read = -1;
        }
        assertThat(read).as("connection closed by the broker").isEqualTo(-1);
      }

      MqttClient pub = client(broker, null);
      pub.publish("campus/LP-017/panic/good", "fine".getBytes(StandardCharsets.UTF_8), 1, false);
      assertThat(new String(good.get(10, SECONDS).getPayload(), StandardCharsets.UTF_8)).isEqualTo("fine");
      assertThat(got).containsExactly("campus/LP-017/panic/good");
      await().atMost(Duration.ofSeconds(10)).until(() -> broker.oversizedPackets() == 1);
      pub.disconnect();
      sub.disconnect();
    } finally {
      broker.stop().get(30, SECONDS);
    }
  }

  /** Verifies that a packet size limit outside MQTT's range is refused naming the field. */
  @Test
  void refusesAPacketSizeLimitOutsideItsRange() {
    BrokerSettings ok = BrokerSettings.of(0, dir);
    assertThat(ok.maxPacketSize()).isEqualTo(BrokerSettings.COUNTY_MAX_PACKET_SIZE);
    assertThatThrownBy(() -> ok.withMaxPacketSize(100)).hasMessageStartingWith("maxPacketSize: outside");
    assertThatThrownBy(() -> ok.withMaxPacketSize(Integer.MAX_VALUE)).hasMessageStartingWith("maxPacketSize: outside");
  }

  private static byte[] packet(int type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      out.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return concat(new byte[] {(byte) (b.length >> 8), (byte) b.length}, b);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static MqttClient client(EmbeddedMqttBroker broker, CompletableFuture<MqttMessage> got) throws MqttException {
    MqttClient c = new MqttClient(broker.url(), "t-" + UUID.randomUUID(), new MemoryPersistence());
    if (got != null) {
      c.setCallback(new MqttCallback() {
        @Override public void disconnected(MqttDisconnectResponse r) {}
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void messageArrived(String t, MqttMessage m) { got.complete(m); }
        @Override public void deliveryComplete(IMqttToken t) {}
        @Override public void connectComplete(boolean r, String s) {}
        @Override public void authPacketArrived(int c, MqttProperties p) {}
      });
    }
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    c.connect(o);
    return c;
  }
}
