package io.campusguard.broker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
