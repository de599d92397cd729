package io.campusguard.gateway.vendorjson;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.mqtt.MqttEndpoint;
import io.campusguard.gateway.mqtt.ReconnectingMqttClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vendors' MQTT topics (a ChirpStack's {@code application/+/device/+/event/up}): one persistent session subscribing
 * each vendor's filter at QoS 1 with manual acks; a message is acked once its readings or its dead letter are
 * durable, so the broker delivers again what the gateway had not stored.
 */
final class VendorMqttSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VendorMqttSession.class);

  interface Ingest {
    CompletableFuture<VendorJsonConnector.Result> ingest(String vendor, String source, byte[] body);
  }

  private final Map<String, String> topics;
  private final Ingest ingest;
  private final ReconnectingMqttClient mqtt;
  private volatile boolean subscribed;
  private final java.util.concurrent.ExecutorService acker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vendorjson-mqtt-ack");
    t.setDaemon(true);
    return t;
  });

  VendorMqttSession(MqttEndpoint endpoint, Map<String, String> topics, Ingest ingest, ScheduledExecutorService scheduler) throws MqttException {
    this.topics = Map.copyOf(topics);
    this.ingest = ingest;
    this.mqtt = new ReconnectingMqttClient("vendorjson", endpoint, options -> {}, scheduler, new ReconnectingMqttClient.Handler() {
      @Override
      public void connected(MqttAsyncClient client, boolean sessionPresent) {
        subscribe(client);
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        onMessage(topic, message);
      }

      @Override
      public void lost(String reason) {
        subscribed = false;
      }
    });
    mqtt.client().setManualAcks(true);
  }

  void start() {
    mqtt.start();
  }

  ConnectorStatus status() {
    ConnectorState s = mqtt.state();
    return s == ConnectorState.UP && !subscribed ? new ConnectorStatus(ConnectorState.CONNECTING, "subscribing") : ConnectorStatus.of(s);
  }

  private void subscribe(MqttAsyncClient client) {
    MqttSubscription[] subs = topics.values().stream().distinct().map(t -> new MqttSubscription(t, 1)).toArray(MqttSubscription[]::new);
    try {
      client.subscribe(subs, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          subscribed = true;
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          LOG.error("vendorjson: subscribe refused, reconnecting: {}", String.valueOf(failure));
          mqtt.dropConnection();
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("vendorjson: subscribe failed, reconnecting: {}", e.toString());
      mqtt.dropConnection();
    }
  }

  private void onMessage(String topic, MqttMessage message) {
    String vendor = topics.entrySet().stream().filter(e -> MqttTopicValidator.isMatched(e.getValue(), topic))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    int id = message.getId();
    int qos = message.getQos();
    if (vendor == null) {
      ack(id, qos); // a subscription of ours matched it, but no longer a vendor (cannot happen): nothing to keep
      return;
    }
    CompletableFuture<VendorJsonConnector.Result> outcome;
    try {
      outcome = ingest.ingest(vendor, topic, message.getPayload());
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    // Acked off the thread that completed the future (the outbox's writer): never hold it up with MQTT work.
    outcome.whenCompleteAsync((r, failure) -> {
      if (failure != null) {
        LOG.error("vendorjson: message on {} not stored, left unacknowledged for redelivery: {}", topic, failure.toString());
      } else {
        ack(id, qos);
      }
    }, acker);
  }

  private void ack(int id, int qos) {
    if (qos > 0) {
      try {
        mqtt.client().messageArrivedComplete(id, qos);
      } catch (MqttException | RuntimeException e) {
        LOG.warn("vendorjson: ack of message {} failed ({}); the broker will deliver it again", id, e.toString());
      }
    }
  }

  @Override
  public void close() {
    mqtt.close();
    acker.shutdown();
  }
}
