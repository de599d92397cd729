package io.campusguard.simulators.bench;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.runtime.net.NoDelaySocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The county side of the gateway benchmark, scripted: receives the gateway's batches on
 * {@code county/{campus}/events}, decodes them with the real {@link EventCodec}, hands each event and its
 * receipt time to a listener, and at once acks every event id (a hub that commits instantly), so the
 * gateway's outbox drains and its window never closes. Callbacks run on Paho's one callback thread.
 */
final class CountyAcker implements AutoCloseable {
  /** Told of each event received (copies included), with {@link System#nanoTime()} at receipt. */
  interface Receipt {
    void received(EventEnvelope event, long atNanos);
  }

  private final String campus;
  private final EventCodec codec = EventCodec.withDefaults();
  private final MqttAsyncClient client;
  private final Receipt receipt;
  private final LongAdder badBatches = new LongAdder();
  private final LongAdder acksNotSent = new LongAdder();

  CountyAcker(String brokerUrl, String campus, Receipt receipt) throws MqttException {
    this.campus = campus;
    this.receipt = receipt;
    this.client = new MqttAsyncClient(brokerUrl, "bench-county-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(new Callback());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(new NoDelaySocketFactory());
    o.setCleanStart(true);
    o.setReceiveMaximum(1_000);
    client.connect(o).waitForCompletion(10_000);
    client.subscribe(new String[] {Topics.county(campus, CountyChannel.EVENTS), Topics.county(campus, CountyChannel.ALARMS)}, new int[] {1, 1})
        .waitForCompletion(10_000);
  }

  /** Batches that did not decode, or held events the codec refused. */
  long badBatches() {
    return badBatches.sum();
  }

  /** Acks the client refused to send; the gateway sends those events again after its ack timeout. */
  long acksNotSent() {
    return acksNotSent.sum();
  }

  private void onBatch(byte[] payload) {
    long now = System.nanoTime();
    Decoded<DecodedBatch> d = codec.decodeBatch(payload);
    if (!d.isOk() || !d.orElseThrow().rejected().isEmpty()) {
      badBatches.increment();
      return;
    }
    List<String> ids = new ArrayList<>();
    for (EventEnvelope e : d.orElseThrow().events()) {
      receipt.received(e, now);
      ids.add(e.id());
    }
    MqttMessage ack = new MqttMessage(codec.encodeAck(new CommitAck(campus, ids, 0)));
    ack.setQos(1);
    try {
      client.publish(Topics.county(campus, CountyChannel.ACK), ack);
    } catch (MqttException e) {
      acksNotSent.increment();
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException ignored) {
      // the figures are taken
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      onBatch(message.getPayload());
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
