package io.campusguard.gateway.support;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import io.campusguard.devices.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The county side as a test sees it: receives the gateway's batches, decodes them with the real codec, keeps
 * every event in arrival order (redeliveries included), and acks by event ids as the hub does after its commit.
 */
public final class ScriptedHub implements AutoCloseable {
  private final String campus;
  private final EventCodec codec = EventCodec.withDefaults();
  private final MqttAsyncClient client;
  private final List<EventEnvelope> received = new CopyOnWriteArrayList<>();
  private final Map<String, EventEnvelope> firstById = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<GatewayStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<String> badBatches = new CopyOnWriteArrayList<>();
  private final List<Long> p0LatenciesMs = new CopyOnWriteArrayList<>();
  private volatile boolean acking = true;
  private volatile long staleUpTo;
  private volatile String staleOutbox;
  private volatile java.time.Duration clockSkew = java.time.Duration.ZERO;
  private volatile IMqttToken subscription;

  public ScriptedHub(String url, String username, String password, String campus) throws MqttException {
    this.campus = campus;
    this.client = new MqttAsyncClient(url, "hub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    // A persistent session, as the real hub has: what the gateway sends while the hub reconnects is queued.
    options.setCleanStart(false);
    options.setSessionExpiryInterval(300L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(100, 1_000);
    if (username != null) {
      options.setUserName(username);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    client.setCallback(new Callback());
    client.connect(options).waitForCompletion(10_000);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> subscription != null && subscription.isComplete());
  }

  /** Stops (or resumes) sending commit acks, as a hub whose database is down would. */
  public void setAcking(boolean acking) {
    this.acking = acking;
  }

  /** Stamps acks with a clock this far ahead of the real one (negative: behind), as a hub with a wrong clock. */
  /**
   * Acks from now on also say "committed up to {@code upTo}" of the outbox {@code outboxId}: what a real hub says
   * to a reinstalled gateway whose campus it has counted under an earlier outbox.
   */
  public void setStaleProgress(long upTo, String outboxId) {
    this.staleOutbox = outboxId;
    this.staleUpTo = upTo;
  }

  public void setClockSkew(java.time.Duration skew) {
    this.clockSkew = skew;
  }

  /** Every event received, in arrival order, redelivered copies included. */
  public List<EventEnvelope> received() {
    return new ArrayList<>(received);
  }

  /** Distinct events by id, first copy. */
  public Map<String, EventEnvelope> distinct() {
    synchronized (firstById) {
      return new LinkedHashMap<>(firstById);
    }
  }

  /** For each distinct P0 event: milliseconds from the device's publish to its first receipt here. */
  public List<Long> p0LatenciesMs() {
    return new ArrayList<>(p0LatenciesMs);
  }

  public List<GatewayStatus> statuses() {
    return new ArrayList<>(statuses);
  }

  public List<String> badBatches() {
    return new ArrayList<>(badBatches);
  }

  private void subscribe() {
    try {
      subscription = client.subscribe(new MqttSubscription[] {
          new MqttSubscription(Topics.county(campus, CountyChannel.EVENTS), 1),
          new MqttSubscription(Topics.county(campus, CountyChannel.ALARMS), 1),
          new MqttSubscription(Topics.county(campus, CountyChannel.STATUS), 1)});
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
  }

  private void onMessage(String topic, MqttMessage message) throws MqttException {
    if (topic.endsWith("/status")) {
      Decoded<GatewayStatus> s = codec.decodeStatus(message.getPayload());
      if (s.isOk()) {
        statuses.add(s.orElseThrow());
      }
      return;
    }
    Decoded<DecodedBatch> d = codec.decodeBatch(message.getPayload());
    if (!d.isOk() || !d.orElseThrow().rejected().isEmpty()) {
      badBatches.add(d.isOk() ? d.orElseThrow().rejected().toString() : d.rejection().toString());
      return;
    }
    List<String> ids = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (EventEnvelope e : d.orElseThrow().events()) {
      received.add(e);
      if (firstById.putIfAbsent(e.id(), e) == null && e.priority() == io.campusguard.devices.Priority.P0) {
        // device publish (sourceTs, same machine's clock) to county-side receipt
        p0LatenciesMs.add(now - e.sourceTs().toEpochMilli());
        if (Boolean.getBoolean("cg.debugLatency")) {
          System.out.printf("P0 %s: to outbox %d ms, outbox to hub %d ms%n", e.device(),
              e.gatewayTs().toEpochMilli() - e.sourceTs().toEpochMilli(), now - e.gatewayTs().toEpochMilli());
        }
      }
      ids.add(e.id());
    }
    if (acking) {
      CommitAck commit = new CommitAck(campus, ids, staleUpTo, java.time.Instant.now().plus(clockSkew), staleOutbox);
      MqttMessage ack = new MqttMessage(codec.encodeAck(commit));
      ack.setQos(1);
      client.publish(Topics.county(campus, CountyChannel.ACK), ack);
    }
  }

  @Override
  public void close() throws MqttException {
    try {
      client.disconnect(1_000).waitForCompletion(2_000);
    } catch (MqttException e) {
      // already gone
    }
    client.close(true);
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      subscribe();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      onMessage(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
