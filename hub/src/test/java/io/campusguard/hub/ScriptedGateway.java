package io.campusguard.hub;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A gateway played by a test: publishes batches and status on the county broker and collects the hub's acks. */
public final class ScriptedGateway implements AutoCloseable {
  private final String campus;
  private final String bootId = UUID.randomUUID().toString().substring(0, 8);
  private final EventCodec codec = EventCodec.withDefaults();
  private final MqttAsyncClient client;
  private final List<CommitAck> acks = new CopyOnWriteArrayList<>();
  private final List<String> rawAcks = new CopyOnWriteArrayList<>();

  public ScriptedGateway(String campus) throws MqttException {
    this(campus, TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword());
  }

  /** On any broker; {@code user} null for an anonymous connection. */
  public ScriptedGateway(String campus, String url, String user, String password) throws MqttException {
    this.campus = campus;
    client = new MqttAsyncClient(url, "gw-" + campus + "-" + bootId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        rawAcks.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        acks.add(codec.decodeAck(message.getPayload()).orElseThrow());
      }

      @Override
      public void disconnected(MqttDisconnectResponse r) {}

      @Override
      public void mqttErrorOccurred(MqttException e) {}

      @Override
      public void deliveryComplete(IMqttToken t) {}

      @Override
      public void connectComplete(boolean reconnect, String uri) {}

      @Override
      public void authPacketArrived(int code, MqttProperties p) {}
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    o.setCleanStart(true);
    client.connect(o).waitForCompletion(10_000);
    client.subscribe(Topics.county(campus, Topics.CountyChannel.ACK), 1).waitForCompletion(10_000);
  }

  public void send(UplinkBatch batch) throws MqttException {
    publishRaw(Topics.county(campus, Topics.CountyChannel.EVENTS), codec.encodeBatch(batch));
  }

  /** Publishes bytes on any topic, as a misbehaving gateway could. */
  public void publishRaw(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false).waitForCompletion(10_000);
  }

  public void status(GatewayHealth.State state) throws MqttException {
    status(new GatewayHealth(state, bootId, Map.of(), 0, Map.of()));
  }

  /** A status with this health (its boot id as given), encoded as a gateway encodes it. */
  public void status(GatewayHealth health) throws MqttException {
    byte[] payload = codec.encodeStatus(new GatewayStatus(campus, "gw-" + campus, Instant.now(), health));
    client.publish(Topics.county(campus, Topics.CountyChannel.STATUS), payload, 1, false).waitForCompletion(10_000);
  }

  /** The boot id this gateway's statuses carry. */
  public String bootId() {
    return bootId;
  }

  public List<CommitAck> acks() {
    return acks;
  }

  /** The acks as the hub sent them, to check what an older gateway's decoder would see. */
  public List<String> rawAcks() {
    return rawAcks;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
