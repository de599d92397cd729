package io.campusguard.simulators.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.runtime.net.NoDelaySocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * {@code county/{campus}/events} and {@code …/alarms}, reads each event's id, hands it and the receipt time to a
 * listener, and at once acks every event id (a hub that commits instantly), so the gateway's outbox drains and
 * its window never closes. Callbacks run on Paho's one callback thread.
 *
 * <p>While the clock runs it only reads the ids (a streaming parse): this process shares the machine's cores
 * with the gateway, and the full decode of every envelope cost as much CPU as the gateway's own ingest, which
 * no raw or bridge subscriber pays either. Every batch is kept and decoded in full with the real
 * {@link EventCodec} afterwards ({@link #badBatches()}), so a malformed batch still fails the run.
 */
final class CountyAcker implements AutoCloseable {
  /** Told of each event received (copies included), with {@link System#nanoTime()} at receipt. */
  interface Receipt {
    void received(String eventId, long atNanos);
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final String campus;
  private final EventCodec codec = EventCodec.withDefaults();
  private final MqttAsyncClient client;
  private final Receipt receipt;
  private final LongAdder badBatches = new LongAdder();
  private final LongAdder acksNotSent = new LongAdder();
  /** Batches received and not yet decoded in full; with the ids read from each while the clock ran. */
  private final Queue<Kept> kept = new ConcurrentLinkedQueue<>();

  private record Kept(byte[] payload, List<String> ids) {}

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

  /**
   * Batches that did not decode, held events the codec refused, or whose ids were read otherwise than the codec
   * reads them: decodes every batch kept since the last call, in full. Call it once the clock has stopped.
   */
  long badBatches() {
    for (Kept k = kept.poll(); k != null; k = kept.poll()) {
      Decoded<DecodedBatch> d = codec.decodeBatch(k.payload());
      if (!d.isOk() || !d.orElseThrow().rejected().isEmpty()
          || !d.orElseThrow().events().stream().map(e -> e.id()).toList().equals(k.ids())) {
        badBatches.increment();
      }
    }
    return badBatches.sum();
  }

  /** Acks the client refused to send; the gateway sends those events again after its ack timeout. */
  long acksNotSent() {
    return acksNotSent.sum();
  }

  private void onBatch(byte[] payload) {
    long now = System.nanoTime();
    List<String> ids;
    try {
      ids = eventIds(payload);
    } catch (IOException | RuntimeException e) {
      badBatches.increment();
      return;
    }
    kept.add(new Kept(payload, ids));
    for (String id : ids) {
      receipt.received(id, now);
    }
    if (ids.isEmpty()) {
      return;
    }
    MqttMessage ack = new MqttMessage(codec.encodeAck(new CommitAck(campus, ids, 0)));
    ack.setQos(1);
    try {
      client.publish(Topics.county(campus, CountyChannel.ACK), ack);
    } catch (MqttException e) {
      acksNotSent.increment();
    }
  }

  /** The {@code id} of each object in the batch's {@code events} array, in order; nothing else is read. */
  static List<String> eventIds(byte[] batch) throws IOException {
    List<String> ids = new ArrayList<>();
    try (JsonParser p = JSON.createParser(batch)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a batch is an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!"events".equals(field) || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String id = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("id".equals(name)) {
              id = p.getText();
            } else {
              p.skipChildren();
            }
          }
          if (id == null) {
            throw new IOException("an event without an id");
          }
          ids.add(id);
        }
      }
    }
    return ids;
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
