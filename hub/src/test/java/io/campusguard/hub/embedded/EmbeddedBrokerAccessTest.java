package io.campusguard.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerCredential;
import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.broker.access.CountyTopicPolicy;
import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.Futures;
import io.campusguard.hub.Hub;
import io.campusguard.hub.HubConfig;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's embedded county broker with {@code embedded.brokerAccounts}: each gateway only as its own campus, on
 * the test run's PostgreSQL.
 */
@Timeout(120)
class EmbeddedBrokerAccessTest {
  // Cost 4 keeps the test quick; the broker checks each hash at the cost written in it.
  private static final BcryptPasswords PASSWORDS = new BcryptPasswords(new SecureRandom(), 4);
  private static final int NOT_AUTHORIZED = 0x87;
  private static TestDatabase db;

  @TempDir
  Path dir;

  @BeforeAll
  static void database() {
    db = new TestDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  /**
   * Verifies that a gateway with its own credentials gets its batch committed and acked, that the same gateway
   * publishing as another campus gets nothing stored and is counted, and that a wrong password cannot connect.
   */
  @Test
  void gatewayPublishesOnlyAsItsOwnCampus() throws Exception {
    // given accounts for LP-001, LP-002 and the hub, and a hub enforcing them on its embedded broker
    List<BrokerCredential> credentials = CountyBrokerFiles.generate(List.of("LP-001", "LP-002"), List.of("hub"), PASSWORDS);
    CountyBrokerFiles.write(dir.resolve("access"), credentials, CountyTopicPolicy.standard(), PASSWORDS, Optional.empty());
    Hub hub = Futures.await(Hub.start(config(dir.resolve("access").resolve(CountyBrokerFiles.ACCOUNTS), password(credentials, "hub"))));
    try {
      String url = hub.embeddedBrokerUrl();
      String gatewayPassword = password(credentials, "gw-LP-001");

      // when a client tries LP-001's username with a wrong password, it is refused
      assertThatThrownBy(() -> new ScriptedGateway("LP-001", url, "gw-LP-001", gatewayPassword + "x")).isInstanceOf(MqttException.class);
      // ... and without a username too
      assertThatThrownBy(() -> new ScriptedGateway("LP-001", url, null, null)).isInstanceOf(MqttException.class);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(metric(hub, "cg_broker_access_refusals_total", "bad_credentials")).isEqualTo(1.0);
        assertThat(metric(hub, "cg_broker_access_refusals_total", "bad_name")).isEqualTo(1.0);
      });

      try (ScriptedGateway intruder = new ScriptedGateway("LP-001", url, "gw-LP-001", gatewayPassword)) {
        // when LP-001's gateway publishes a panic batch as LP-002
        byte[] foreign = EventCodec.withDefaults().encodeBatch(TestEvents.batch("LP-002", List.of(TestEvents.panic("LP-002", "LP-002-PB-01", 1))));
        try {
          intruder.publishRaw(Topics.county("LP-002", Topics.CountyChannel.EVENTS), foreign);
        } catch (MqttException notAuthorized) {
          // The broker answers with a NOT_AUTHORIZED PUBACK, which Paho reports as a failed publish and a lost
          // connection; what reached the hub is checked below.
        }
        // then the broker refuses it and the hub counts it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric(hub, "cg_broker_access_refusals_total", "publish_denied")).isEqualTo(1.0));
      }

      try (ScriptedGateway gw = new ScriptedGateway("LP-001", url, "gw-LP-001", gatewayPassword)) {
        // when the same gateway then publishes a panic batch as itself
        gw.send(TestEvents.batch("LP-001", List.of(TestEvents.panic("LP-001", "LP-001-PB-01", 1))));

        // then the hub commits it and acks on LP-001's ack topic
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gw.acks()).hasSize(1));
        assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-001'")).isEqualTo(1);
        // and of the batch published before it, as LP-002, nothing reached the hub
        assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-002'")).isZero();
        assertThat(metric(hub, "cg_ingest_batches_total", null)).isEqualTo(1.0);
      }
      // and a gateway may not listen to another campus's acks either
      assertThat(subscribeForeignAck(url, gatewayPassword)).containsExactly(NOT_AUTHORIZED);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric(hub, "cg_broker_access_refusals_total", "subscribe_denied")).isEqualTo(1.0));
    } finally {
      Futures.await(hub.stop());
    }
  }

  /** Verifies that a missing accounts file refuses the start, naming the field. */
  @Test
  void missingAccountsFileRefusesToStart() {
    Path missing = dir.resolve("no-such-accounts");
    assertThatThrownBy(() -> Futures.await(Hub.start(config(missing, "secret"))))
        .hasMessageStartingWith("embedded.brokerAccounts: ")
        .hasMessageContaining(missing.toString());
  }

  /** Verifies that a bad line in the accounts file refuses the start, naming the field and the line. */
  @Test
  void badAccountsFileRefusesToStart() throws Exception {
    Path file = Files.writeString(dir.resolve("accounts"), "hub hub - not-a-hash\n");
    assertThatThrownBy(() -> Futures.await(Hub.start(config(file, "secret"))))
        .hasMessageStartingWith("embedded.brokerAccounts: ")
        .hasMessageContaining("line 1");
  }

  /** Verifies that a hub password that does not match its own account refuses the start, naming mqtt.password. */
  @Test
  void wrongHubPasswordRefusesToStart() throws Exception {
    List<BrokerCredential> credentials = CountyBrokerFiles.generate(List.of("LP-001"), List.of("hub"), PASSWORDS);
    CountyBrokerFiles.write(dir, credentials, CountyTopicPolicy.standard(), PASSWORDS, Optional.empty());
    assertThatThrownBy(() -> Futures.await(Hub.start(config(dir.resolve(CountyBrokerFiles.ACCOUNTS), "not-the-password"))))
        .hasMessageStartingWith("mqtt.password: ");
  }

  /** Verifies that the config refuses accounts for an external broker, and accounts without the hub's own login. */
  @Test
  void configRefusesAccountsItCannotUse() {
    ConfigLoader loader = new ConfigLoader();
    String external = "mqtt: {url: tcp://10.0.0.6:1883, user: hub, password: x, allowPlaintext: true}\nembedded: {brokerAccounts: /etc/cg/county-accounts}\n";
    assertThatThrownBy(() -> loader.parse(external, "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("embedded.brokerAccounts: ");
    String noLogin = "embedded: {brokerAccounts: /etc/cg/county-accounts}\n";
    assertThatThrownBy(() -> loader.parse(noLogin, "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.user: ");
    // control: with the hub's login it is accepted
    HubConfig ok = loader.parse(noLogin, "CG_HUB", Map.of("CG_HUB_MQTT_USER", "hub", "CG_HUB_MQTT_PASSWORD", "x"), HubConfig.class);
    assertThat(ok.embedded().brokerAccounts()).isEqualTo("/etc/cg/county-accounts");
  }

  private HubConfig config(Path accounts, String hubPassword) {
    return new HubConfig(
        new HubConfig.Database(db.config().jdbcUrl(), db.config().user(), db.config().password(), 2),
        new HubConfig.Mqtt(null, "hub", hubPassword, null, null, null),
        new HubConfig.Http("127.0.0.1", 0), null, null, null,
        new HubConfig.Embedded(dir.resolve("hub").toString(), 0, accounts.toString()), null);
  }

  private static String password(List<BrokerCredential> credentials, String username) {
    return credentials.stream().filter(c -> c.identity().username().equals(username)).findFirst().orElseThrow().password();
  }

  /** The SUBACK's reason codes for LP-001's gateway subscribing to LP-002's acks. */
  private static int[] subscribeForeignAck(String url, String password) throws MqttException {
    var client = new org.eclipse.paho.mqttv5.client.MqttClient(url, "gw-LP-001-listener", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
    options.setUserName("gw-LP-001");
    options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    client.connect(options);
    try {
      return client.subscribe(Topics.county("LP-002", Topics.CountyChannel.ACK), 1).getReasonCodes();
    } finally {
      client.disconnect();
      client.close();
    }
  }

  /** A counter's value from the hub's Prometheus page; {@code kind} null for an untagged one. */
  private static double metric(Hub hub, String name, String kind) throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    String labels = kind == null ? "" : "\\{kind=\"" + kind + "\",?\\}";
    Matcher m = Pattern.compile("(?m)^" + name + labels + " (\\S+)$").matcher(page.body());
    assertThat(m.find()).as(name + " " + kind + " in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
