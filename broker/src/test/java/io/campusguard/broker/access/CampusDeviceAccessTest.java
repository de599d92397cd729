package io.campusguard.broker.access;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A campus broker with device accounts: only listed devices with their own password get in, and each may
 * publish only its own reports on its own campus. What the gateway would ingest (an inbound-publish
 * interceptor, as the gateway's) never sees a refused publish.
 */
@Timeout(180)
class CampusDeviceAccessTest {
  private static final String CAMPUS = "LP-017";
  private static final Map<String, String> PASSWORDS = Map.of("LP-017-PB-01", "pb-secret-1", "LP-017-CS-01", "cs-secret-1");
  private static final List<String> INGESTED = new CopyOnWriteArrayList<>();
  private static final List<AccessRefusal> REFUSALS = new CopyOnWriteArrayList<>();
  private static CampusDeviceAccess access;
  private static EmbeddedMqttBroker broker;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("campus-devices-");
    BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
    Path file = dir.resolve("devices");
    Files.writeString(file, DeviceAccounts.fileText(PASSWORDS, passwords), UTF_8);
    access = new CampusDeviceAccess(CAMPUS, DeviceAccounts.read(file, passwords), REFUSALS::add);
    // As the gateway's ingest does: behind the access guard (HiveMQ calls interceptors before its authorizers).
    PublishInboundInterceptor recorder = AuthorizedPublishes.guard(access, (in, out) -> INGESTED.add(in.getPublishPacket().getTopic()));
    ExtensionMain ingest = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor(recorder));
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
    };
    broker = new EmbeddedMqttBroker("campus-devices", BrokerSettings.of(0, dir.resolve("broker")).withAccess(access), ingest);
    broker.start().get(60, SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.stop().get(30, SECONDS);
    }
  }

  /** Verifies that a device with its password publishes its own report, and the gateway's interceptor sees it. */
  @Test
  void deviceWithItsPasswordPublishesItsOwnTopic() throws Exception {
    MqttClient pb = connect("LP-017-PB-01", "pb-secret-1");
    pb.publish("campus/LP-017/panic/LP-017-PB-01", "{\"action\":\"pressed\"}".getBytes(UTF_8), 1, false);
    assertThat(INGESTED).contains("campus/LP-017/panic/LP-017-PB-01");
    pb.disconnect();
    pb.close();
  }

  /** Verifies that no password, a wrong password, another device's password and an unlisted device are refused. */
  @Test
  void badCredentialsAreRefused() {
    long before = access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS);
    assertRefused("LP-017-PB-01", null);
    assertRefused("LP-017-PB-01", "wrong");
    assertRefused("LP-017-PB-01", "cs-secret-1");
    assertRefused("LP-017-XX-99", "pb-secret-1");
    assertThat(access.refusals(AccessRefusal.Kind.BAD_CREDENTIALS)).isEqualTo(before + 4);
  }

  /** Verifies that a device cannot publish as another device, on another campus, or outside device topics. */
  @Test
  void deviceCannotPublishAsAnother() throws Exception {
    long before = access.refusals(AccessRefusal.Kind.PUBLISH_DENIED);
    List<String> forged = List.of(
        "campus/LP-017/panic/LP-017-CS-01", "campus/LP-018/panic/LP-017-PB-01", "campus/LP-017/gateway/LP-017-PB-01", "county/LP-017/events");
    for (String topic : forged) {
      MqttClient pb = connect("LP-017-PB-01", "pb-secret-1");
      try {
        pb.publish(topic, "{\"action\":\"pressed\"}".getBytes(UTF_8), 1, false);
      } catch (MqttException refused) {
        // HiveMQ may drop the client as it refuses
      }
      pb.disconnectForcibly(1000);
      pb.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> access.refusals(AccessRefusal.Kind.PUBLISH_DENIED) >= before + forged.size());
    assertThat(access.refusals(AccessRefusal.Kind.PUBLISH_DENIED)).as("each refusal counted once").isEqualTo(before + forged.size());
    assertThat(INGESTED).doesNotContainAnyElementsOf(forged);
    // reported to the listener after being counted
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(REFUSALS).anySatisfy(r -> {
      assertThat(r.topic()).isEqualTo("campus/LP-017/panic/LP-017-CS-01");
      assertThat(r.reason()).contains("may not publish as device LP-017-CS-01");
    }));
    // Control: the real cold-store sensor may.
    MqttClient cs = connect("LP-017-CS-01", "cs-secret-1");
    cs.publish("campus/LP-017/canteen/LP-017-CS-01", "{}".getBytes(UTF_8), 1, false);
    assertThat(INGESTED).contains("campus/LP-017/canteen/LP-017-CS-01");
    cs.disconnect();
    cs.close();
  }

  /** Verifies that devices cannot subscribe (not even to their own topic). */
  @Test
  void devicesCannotSubscribe() throws Exception {
    MqttClient pb = connect("LP-017-PB-01", "pb-secret-1");
    int code;
    try {
      code = pb.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
          new org.eclipse.paho.mqttv5.common.MqttSubscription("campus/LP-017/#", 1)}).getReasonCodes()[0];
    } catch (MqttException e) {
      code = e.getReasonCode();
    }
    assertThat(code).isEqualTo(0x87);
    pb.disconnectForcibly(1000);
    pb.close();
  }

  private static void assertRefused(String username, String password) {
    assertThatThrownBy(() -> connect(username, password))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
  }

  private static MqttClient connect(String username, String password) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(username);
    if (password != null) {
      o.setPassword(password.getBytes(UTF_8));
    }
    o.setConnectionTimeout(10);
    MqttClient c = new MqttClient(broker.url(), username + "-" + System.nanoTime(), new MemoryPersistence());
    try {
      c.connect(o);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
