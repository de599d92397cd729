package io.campusguard.broker.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The county access contract against the embedded HiveMQ, enforcing through its authenticator and authorizers. */
@Timeout(180)
class EmbeddedBrokerAccessTest extends CountyBrokerAccessContract {
  private static final List<AccessRefusal> REFUSALS = new CopyOnWriteArrayList<>();
  private static List<BrokerCredential> credentials;
  private static BrokerAccess access;
  private static EmbeddedMqttBroker broker;
  private static BcryptPasswords passwords;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("county-broker-");
    // bcrypt's lowest cost: HiveMQ drops a client after each refused publish, and the 1,000-topic test
    // reconnects as often; the check itself is the same at every cost.
    passwords = new BcryptPasswords(new SecureRandom(), 4);
    credentials = newCredentials(passwords);
    // Through the accounts file, as the hub will load it.
    CountyBrokerFiles.write(dir.resolve("files"), credentials, CountyTopicPolicy.standard(), passwords, Optional.empty());
    CountyAccounts accounts = CountyAccounts.read(dir.resolve("files").resolve(CountyBrokerFiles.ACCOUNTS), passwords);
    access = new BrokerAccess(accounts, CountyTopicPolicy.standard(), REFUSALS::add);
    broker = new EmbeddedMqttBroker("county-test", BrokerSettings.of(0, dir.resolve("broker")).withAccess(access), null);
    broker.start().get(60, SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.stop().get(30, SECONDS);
    }
  }

  @Override
  String url() {
    return broker.url();
  }

  @Override
  List<BrokerCredential> credentials() {
    return credentials;
  }

  @Override
  boolean refusesBadClientIds() {
    return true;
  }

  @Override
  boolean refusesForeignSubscriptionsInSuback() {
    return true;
  }

  @Override
  boolean disconnectsOnRefusedPublish() {
    return true;
  }

  /** Verifies that a refused publish is counted and reported with the client, topic and reason. */
  @Test
  void refusalsAreCountedAndReported() throws Exception {
    long before = access.refusals(AccessRefusal.Kind.PUBLISH_DENIED);
    MqttClient gateway = connect("gw-LP-001", "gw-LP-001-count", password("gw-LP-001"));
    try {
      gateway.publish("county/LP-002/events", new byte[] {1}, 1, false);
    } catch (MqttException refused) {
      // the broker may already be closing the connection
    }
    // The listener hears of a refusal after it is counted: wait for the report itself.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(REFUSALS).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(AccessRefusal.Kind.PUBLISH_DENIED);
      assertThat(r.clientId()).isEqualTo("gw-LP-001-count");
      assertThat(r.username()).isEqualTo("gw-LP-001");
      assertThat(r.topic()).isEqualTo("county/LP-002/events");
      assertThat(r.reason()).contains("LP-002");
    }));
    assertThat(access.refusals(AccessRefusal.Kind.PUBLISH_DENIED)).isEqualTo(before + 1);
  }

  /**
   * Verifies that a client id belongs to its account (the username, or the username and '-' before anything): a
   * stolen gateway login cannot take the hub's or another gateway's id, not even first (as right after a broker
   * restart, when nobody holds it), nor one outside every account; the owner keeps its session and reconnects.
   */
  @Test
  void clientIdOfAnotherIdentityIsRefused() throws Exception {
    for (String taken : List.of("gw-LP-001-up", "gw-LP-001", "hub-1", "hub-1-p0", "cg-gw-up-LP-001")) {
      assertThatThrownBy(() -> connect("gw-LP-002", taken, password("gw-LP-002"))).as(taken)
          .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
    }
    // a username that is a prefix of another's does not own that one's ids (gw-LP-00 vs gw-LP-001 by the '-' rule)
    assertThat(ClientIdOwnership.owner("gw-LP-001-up", u -> u.equals("gw-LP") || u.equals("gw-LP-001"))).contains("gw-LP-001");
    MqttClient owner = connect("gw-LP-001", "gw-LP-001-up", password("gw-LP-001"));
    assertThatThrownBy(() -> connect("gw-LP-002", "gw-LP-001-up", password("gw-LP-002")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
    assertThat(owner.isConnected()).as("the owner keeps its session").isTrue();
    owner.disconnect();
    assertThat(connect("gw-LP-001", "gw-LP-001-up", password("gw-LP-001")).isConnected()).as("control: the owner reconnects").isTrue();
    assertThat(connect("hub", "hub-1-p0", password("hub")).isConnected()).as("control: the hub's own ids").isTrue();
    assertThat(REFUSALS).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(AccessRefusal.Kind.BAD_NAME);
      assertThat(r.clientId()).isEqualTo("hub-1");
      assertThat(r.reason()).contains("belongs to hub");
    });
  }

  /** Verifies that a gateway whose last will names another campus's status is refused at CONNECT. */
  @Test
  void foreignLastWillIsRefused() throws Exception {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName("gw-LP-001");
    o.setPassword(password("gw-LP-001").getBytes(UTF_8));
    o.setWill("county/LP-002/status", new MqttMessage("down".getBytes(UTF_8)));
    MqttClient forged = new MqttClient(url(), "gw-LP-001-will", new MemoryPersistence());
    assertThatThrownBy(() -> forged.connect(o))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    forged.close();

    o.setWill("county/LP-001/status", new MqttMessage("down".getBytes(UTF_8)));
    MqttClient own = new MqttClient(url(), "gw-LP-001-will2", new MemoryPersistence());
    own.connect(o);
    assertThat(own.isConnected()).as("control: its own status as last will").isTrue();
    own.disconnect();
    own.close();
  }

  /**
   * Verifies that a client reconnecting with the password it just logged in with costs no second bcrypt check,
   * that wrong passwords always cost one and are refused, and that a CONNECT without a password costs none.
   */
  @Test
  void reconnectsCostOneBcryptCheck() throws Exception {
    long before = passwords.checks();
    for (int i = 0; i < 5; i++) {
      MqttClient c = connect("gw-LP-003", "gw-LP-003-again", password("gw-LP-003"));
      c.disconnect();
    }
    assertThat(passwords.checks() - before).as("five logins, one check").isEqualTo(1);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> connect("gw-LP-003", "gw-LP-003-wrong", "not-the-password"))
          .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    }
    assertThat(passwords.checks() - before).as("each wrong password checked").isEqualTo(3);
    MqttConnectionOptions none = new MqttConnectionOptions();
    none.setUserName("gw-LP-003");
    MqttClient noPassword = new MqttClient(url(), "gw-LP-003-none", new MemoryPersistence());
    assertThatThrownBy(() -> noPassword.connect(none)).isInstanceOf(MqttException.class);
    noPassword.close();
    assertThat(passwords.checks() - before).as("no password, no check").isEqualTo(3);
    // control: the right password still gets in
    assertThat(connect("gw-LP-003", "gw-LP-003-again", password("gw-LP-003")).isConnected()).isTrue();
  }
}
