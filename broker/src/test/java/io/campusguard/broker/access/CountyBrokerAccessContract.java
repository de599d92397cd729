package io.campusguard.broker.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every county broker must enforce, run against the embedded broker and a real Mosquitto with the
 * generated files: a gateway publishes and reads only its own campus's topics, wildcard subscriptions and bad
 * names gain nothing, and bad passwords are refused. Each refusal test ends with a control message that must
 * arrive, so "nothing arrived" cannot pass because nothing was sent.
 */
abstract class CountyBrokerAccessContract {
  static final String OWN = "LP-001";
  static final String OTHER = "LP-002";
  static final List<String> CAMPUSES = List.of("LP-001", "LP-002", "LP-003", "LP-017", "LP-129");
  static final int NOT_AUTHORIZED = 0x87;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int FORGERS = 8;

  private final List<MqttClient> clients = new ArrayList<>();

  /** The broker under test, started with these credentials. */
  abstract String url();

  abstract List<BrokerCredential> credentials();

  /** Whether this broker refuses a CONNECT whose client id holds a wildcard or separator (Mosquitto does not). */
  abstract boolean refusesBadClientIds();

  /**
   * Whether this broker drops the connection after refusing a publish. HiveMQ does for MQTT 5 (PUBACK "not
   * authorized", then DISCONNECT "not authorized"); Mosquitto refuses the message and keeps the connection.
   */
  abstract boolean disconnectsOnRefusedPublish();

  /**
   * Whether this broker answers a subscription outside the grants with a SUBACK failure code. HiveMQ does;
   * Debian's Mosquitto 2.0.11 grants any subscription and applies the ACL to each message it would deliver,
   * so there the test checks that such a subscription receives nothing.
   */
  abstract boolean refusesForeignSubscriptionsInSuback();

  static List<BrokerCredential> newCredentials(BcryptPasswords passwords) {
    return CountyBrokerFiles.generate(CAMPUSES, List.of("hub"), passwords);
  }

  String password(String username) {
    return credentials().stream().filter(c -> c.identity().username().equals(username)).findFirst().orElseThrow().password();
  }

  @AfterEach
  void disconnectAll() {
    for (MqttClient c : clients) {
      try {
        if (c.isConnected()) {
          c.disconnect();
        }
        c.close();
      } catch (MqttException ignored) {
        // the broker may already have dropped it
      }
    }
  }

  /** Verifies that a gateway's own events and status reach the hub, and the hub's ack and command reach it. */
  @Test
  void ownCampusTrafficPasses() throws Exception {
    Inbox hub = hubInbox();
    Inbox gw = gatewayInbox(OWN);
    MqttClient gateway = connect("gw-" + OWN, "gw-" + OWN, password("gw-" + OWN));

    gateway.publish(Topics.county(OWN, CountyChannel.EVENTS), "e1".getBytes(UTF_8), 1, false);
    gateway.publish(Topics.county(OWN, CountyChannel.STATUS), "s1".getBytes(UTF_8), 1, false);
    MqttClient hubPub = connect("hub", "hub-pub-" + UUID.randomUUID(), password("hub"));
    hubPub.publish(Topics.county(OWN, CountyChannel.ACK), "a1".getBytes(UTF_8), 1, false);
    hubPub.publish(Topics.county(OWN, CountyChannel.CMD), "c1".getBytes(UTF_8), 1, false);

    await().atMost(WAIT).until(() -> hub.received.size() >= 2 && gw.received.size() >= 2);
    assertThat(hub.received).containsExactlyInAnyOrder("county/LP-001/events e1", "county/LP-001/status s1");
    assertThat(gw.received).containsExactlyInAnyOrder("county/LP-001/ack a1", "county/LP-001/cmd c1");
  }

  /** Verifies that 1,000 random topics outside a gateway's grants reach neither the hub nor another gateway. */
  @Test
  void foreignTopicsFromAGatewayReachNobody() throws Exception {
    Inbox hub = hubInbox();
    Inbox other = gatewayInbox(OTHER);
    long seed = new SecureRandom().nextLong();
    List<String> topics = ForeignTopics.generate(new Random(seed), OWN, CAMPUSES, 1_000);

    // Several forgers at once: HiveMQ drops the connection after each refusal, and a reconnection waits on the
    // network more than on the CPU.
    ExecutorService pool = Executors.newFixedThreadPool(FORGERS);
    try {
      List<Future<List<String>>> accepted = new ArrayList<>();
      for (int f = 0; f < FORGERS; f++) {
        List<String> share = topics.subList(f * topics.size() / FORGERS, (f + 1) * topics.size() / FORGERS);
        String clientId = "gw-" + OWN + "-forger-" + f;
        accepted.add(pool.submit(() -> {
          try (Forger gateway = new Forger("gw-" + OWN, clientId)) {
            for (String topic : share) {
              gateway.publish(topic);
            }
            return gateway.accepted;
          }
        }));
      }
      for (Future<List<String>> f : accepted) {
        assertThat(f.get()).as("publishes the broker acknowledged as accepted, seed " + seed).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }

    sendControls(hub, other);
    assertThat(hub.received).as("hub inbox, seed " + seed).containsExactly("county/LP-001/events control");
    assertThat(other.received).as("gateway LP-002 inbox, seed " + seed).containsExactly("county/LP-002/ack control");
  }

  /** Verifies that client ids and usernames holding {@code # + /} are refused or gain nothing. */
  @Test
  void wildcardNamesGainNothing() throws Exception {
    Inbox hub = hubInbox();
    Inbox other = gatewayInbox(OTHER);
    String own = "gw-" + OWN;
    List<Forger> connected = new ArrayList<>();
    try {
      for (String clientId : List.of("#", "+", "gw-LP-002/#", "+/+", "county/#", "gw-" + OTHER + "/+")) {
        Forger forger;
        try {
          forger = new Forger(own, clientId);
        } catch (MqttException refused) {
          assertThat(refusesBadClientIds()).as("refused client id " + clientId + ": " + refused).isTrue();
          assertThat(refused.getReasonCode()).as(clientId).isEqualTo(0x85);
          continue;
        }
        connected.add(forger);
        assertThat(refusesBadClientIds()).as("accepted client id " + clientId).isFalse();
        for (String topic : List.of("county/LP-002/events", "county/LP-002/status", "county/LP-002/ack", "county/" + OWN + "/ack")) {
          forger.publish(topic);
        }
        assertThat(forger.accepted).as(clientId).isEmpty();
        for (String filter : List.of("county/LP-002/ack", "#", "county/+/events")) {
          int code = forger.subscribeCode(filter);
          if (refusesForeignSubscriptionsInSuback()) {
            assertThat(code).as(clientId + " subscribing " + filter).isGreaterThanOrEqualTo(0x80);
          }
        }
      }
      for (String username : List.of("#", "+", "gw-LP-001/#", "gw-+", "gw-LP-001/", "gw-LP-00#")) {
        assertRefusedAtConnect(username, "t-" + UUID.randomUUID(), password(own));
      }
      sendControls(hub, other);
      assertThat(hub.received).containsExactly("county/LP-001/events control");
      assertThat(other.received).containsExactly("county/LP-002/ack control");
      for (Forger f : connected) {
        assertThat(f.inbox.received).as("received by client " + f.clientId).isEmpty();
      }
    } finally {
      for (Forger f : connected) {
        f.close();
      }
    }
  }

  /** Verifies that a gateway's wildcard, foreign and shared subscriptions are refused, and the hub's {@code #}. */
  @Test
  void wildcardAndForeignSubscriptionsAreRefused() throws Exception {
    Inbox inbox = new Inbox();
    MqttClient gateway = connect("gw-" + OWN, "gw-" + OWN + "-sub", password("gw-" + OWN), inbox);
    for (String filter : List.of("#", "county/#", "county/+/ack", "county/+/events", "+/+/+", "county/LP-001/#",
        "county/LP-002/ack", "county/LP-002/cmd", "county/LP-001/events", "$share/hub/county/+/events", "$SYS/#")) {
      int code = subscribeCode(gateway, filter);
      if (refusesForeignSubscriptionsInSuback()) {
        assertThat(code).as(filter).isGreaterThanOrEqualTo(0x80);
      }
    }
    assertThat(subscribeCode(gateway, "county/LP-001/ack")).as("control: own ack").isLessThan(0x80);

    // Traffic those filters would match, then the one message this gateway may read.
    connect("gw-" + OTHER, "gw-" + OTHER + "-pub", password("gw-" + OTHER))
        .publish(Topics.county(OTHER, CountyChannel.EVENTS), "e2".getBytes(UTF_8), 1, false);
    connect("gw-" + OWN, "gw-" + OWN + "-pub", password("gw-" + OWN))
        .publish(Topics.county(OWN, CountyChannel.EVENTS), "e1".getBytes(UTF_8), 1, false);
    MqttClient hubPub = connect("hub", "hub-pub-" + UUID.randomUUID(), password("hub"));
    hubPub.publish(Topics.county(OTHER, CountyChannel.ACK), "a2".getBytes(UTF_8), 1, false);
    hubPub.publish(Topics.county(OTHER, CountyChannel.CMD), "c2".getBytes(UTF_8), 1, false);
    hubPub.publish(Topics.county(OWN, CountyChannel.ACK), "control".getBytes(UTF_8), 1, false);
    await().atMost(WAIT).until(() -> inbox.received.contains("county/LP-001/ack control"));
    // Mosquitto sends one copy per matching subscription: the granted wildcards add copies of the control only.
    assertThat(inbox.received).containsOnly("county/LP-001/ack control");

    MqttClient hub = connect("hub", "hub-" + UUID.randomUUID(), password("hub"));
    if (refusesForeignSubscriptionsInSuback()) {
      assertThat(subscribeCode(hub, "#")).isGreaterThanOrEqualTo(0x80);
    }
    assertThat(subscribeCode(hub, "$share/hub/county/+/events")).as("control: hub's events").isLessThan(0x80);
  }

  /** Verifies that a wrong, missing or borrowed password and an unknown user are refused at CONNECT. */
  @Test
  void badCredentialsAreRefused() throws Exception {
    String own = "gw-" + OWN;
    assertRefusedAtConnect(own, own, password(own) + "x");
    assertRefusedAtConnect(own, own, password("gw-" + OTHER));
    assertRefusedAtConnect(own, own, null);
    assertRefusedAtConnect(null, "anon-" + UUID.randomUUID(), null);
    assertRefusedAtConnect("gw-LP-404", "gw-LP-404", password(own));
    assertThat(connect(own, own, password(own)).isConnected()).as("control: the right password").isTrue();
  }

  private void sendControls(Inbox hub, Inbox otherGateway) throws MqttException {
    MqttClient gateway = connect("gw-" + OWN, "gw-" + OWN + "-ctl", password("gw-" + OWN));
    gateway.publish(Topics.county(OWN, CountyChannel.EVENTS), "control".getBytes(UTF_8), 1, false);
    MqttClient hubPub = connect("hub", "hub-ctl-" + UUID.randomUUID(), password("hub"));
    hubPub.publish(Topics.county(OTHER, CountyChannel.ACK), "control".getBytes(UTF_8), 1, false);
    await().atMost(WAIT).until(() -> !hub.received.isEmpty() && !otherGateway.received.isEmpty());
  }

  /**
   * A client that publishes where it may not, one QoS 1 publish at a time, reconnecting when the broker drops
   * it for that. Publishes the broker acknowledged with a success code are kept in {@code accepted} (Mosquitto
   * acknowledges a refused publish with success on MQTT 3 clients only; on MQTT 5 each is a "not authorized").
   */
  final class Forger implements AutoCloseable {
    final List<String> accepted = new ArrayList<>();
    final Inbox inbox = new Inbox();
    private final String username;
    private final String clientId;
    private MqttAsyncClient client;

    Forger(String username, String clientId) throws MqttException {
      this.username = username;
      this.clientId = clientId;
      connect();
    }

    void publish(String topic) throws MqttException {
      int code;
      try {
        IMqttToken token = client.publish(topic, "forged".getBytes(UTF_8), 1, false);
        token.waitForCompletion(WAIT.toMillis());
        int[] codes = token.getReasonCodes();
        code = codes == null || codes.length == 0 ? 0 : codes[0];
      } catch (MqttException dropped) {
        // Dropped before any acknowledgement (HiveMQ disconnects a client publishing to a '$' topic at once).
        code = 0x80;
      }
      if (code < 0x80) {
        accepted.add(topic);
      } else if (disconnectsOnRefusedPublish() || !client.isConnected()) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(() -> !client.isConnected());
        client.close();
        connect();
      }
    }

    int subscribeCode(String filter) throws MqttException {
      IMqttToken token = client.subscribe(filter, 1);
      token.waitForCompletion(WAIT.toMillis());
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 ? 0x80 : codes[0];
    }

    private void connect() throws MqttException {
      client = new MqttAsyncClient(url(), clientId, new MemoryPersistence());
      client.setCallback(inbox);
      try {
        client.connect(options(username, password(username))).waitForCompletion(WAIT.toMillis());
      } catch (MqttException e) {
        client.close();
        throw e;
      }
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT.toMillis());
      }
      client.close();
    }
  }

  private void assertRefusedAtConnect(String username, String clientId, String password) {
    try {
      MqttClient c = connect(username, clientId, password);
      throw new AssertionError("connected as " + username + " / " + clientId + " (connected: " + c.isConnected() + ")");
    } catch (MqttException refused) {
      assertThat(refused.getReasonCode()).as(username + " / " + clientId).isIn(0x80, 0x85, 0x86, 0x87, 4, 5);
    }
  }

  private static int subscribeCode(MqttClient client, String filter) {
    try {
      IMqttToken token = client.subscribe(filter, 1);
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 ? 0x80 : codes[0];
    } catch (MqttException refused) {
      return Math.max(refused.getReasonCode(), 0x80);
    }
  }

  /** The hub's subscriptions, as the hub makes them: shared events, status without a group. */
  private Inbox hubInbox() throws MqttException {
    Inbox inbox = new Inbox();
    MqttClient hub = connect("hub", "hub-" + UUID.randomUUID(), password("hub"), inbox);
    assertThat(subscribeCode(hub, Topics.countySharedFilter("hub", CountyChannel.EVENTS))).isLessThan(0x80);
    assertThat(subscribeCode(hub, Topics.COUNTY_ROOT + "/+/" + CountyChannel.STATUS.wireName())).isLessThan(0x80);
    return inbox;
  }

  private Inbox gatewayInbox(String campus) throws MqttException {
    Inbox inbox = new Inbox();
    String user = "gw-" + campus;
    MqttClient gw = connect(user, user + "-in-" + UUID.randomUUID(), password(user), inbox);
    assertThat(subscribeCode(gw, Topics.county(campus, CountyChannel.ACK))).isLessThan(0x80);
    assertThat(subscribeCode(gw, Topics.county(campus, CountyChannel.CMD))).isLessThan(0x80);
    return inbox;
  }

  MqttClient connect(String username, String clientId, String password) throws MqttException {
    return connect(username, clientId, password, null);
  }

  private MqttClient connect(String username, String clientId, String password, Inbox inbox) throws MqttException {
    MqttClient c = new MqttClient(url(), clientId, new MemoryPersistence());
    c.setTimeToWait(WAIT.toMillis());
    // Paho hands a message to a subscription's listener when one matches, else to the global callback: the
    // inboxes subscribe without listeners (a listener on a $share subscription receives nothing).
    if (inbox != null) {
      c.setCallback(inbox);
    }
    clients.add(c);
    c.connect(options(username, password));
    return c;
  }

  private static MqttConnectionOptions options(String username, String password) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setConnectionTimeout(10);
    o.setAutomaticReconnect(false);
    if (username != null) {
      o.setUserName(username);
    }
    if (password != null) {
      o.setPassword(password.getBytes(UTF_8));
    }
    return o;
  }

  /** Messages received, as "topic payload". */
  static final class Inbox implements MqttCallback {
    final List<String> received = new CopyOnWriteArrayList<>();

    @Override public void disconnected(MqttDisconnectResponse r) {}
    @Override public void mqttErrorOccurred(MqttException e) {}
    @Override public void messageArrived(String topic, MqttMessage m) { received.add(topic + " " + new String(m.getPayload(), UTF_8)); }
    @Override public void deliveryComplete(IMqttToken t) {}
    @Override public void connectComplete(boolean reconnect, String uri) {}
    @Override public void authPacketArrived(int code, MqttProperties p) {}
  }
}
