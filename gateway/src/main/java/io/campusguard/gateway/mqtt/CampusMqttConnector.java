package io.campusguard.gateway.mqtt;

import io.campusguard.devices.Topics;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.ingest.IngestOutcome;
import io.campusguard.gateway.ingest.IngestPipeline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the campus's devices from an external campus broker (Mosquitto in CI): subscribes
 * {@code campus/{campusId}/#} at QoS 1 in a persistent session with manual acks, and acknowledges each
 * message to the broker only after the ingest pipeline made its outcome durable. Until then the broker keeps
 * the message and delivers it again after a reconnect, so a crash between receipt and outbox loses nothing.
 *
 * <p>The broker's receive maximum bounds how many messages wait for the outbox at once: that is the
 * back-pressure. Acks are sent from one thread of our own, in the order the outbox completes them (which is
 * arrival order), never from the outbox's writer thread.
 */
public final class CampusMqttConnector implements CampusConnector {
  private static final Logger LOG = LoggerFactory.getLogger(CampusMqttConnector.class);
  /** How many unacknowledged messages the broker may send us at once. */
  public static final int RECEIVE_MAXIMUM = 1_000;

  private final String campus;
  private final IngestPipeline pipeline;
  private final ReconnectingMqttClient mqtt;
  private final ExecutorService acker;
  private final LongAdder unacked = new LongAdder();
  private volatile boolean subscribed;

  public CampusMqttConnector(String campus, MqttEndpoint endpoint, IngestPipeline pipeline, ScheduledExecutorService scheduler)
      throws MqttException {
    this.campus = campus;
    this.pipeline = pipeline;
    this.acker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "campus-acker-" + campus);
      t.setDaemon(true);
      return t;
    });
    this.mqtt = new ReconnectingMqttClient(
        "campus-broker " + campus,
        endpoint,
        options -> options.setReceiveMaximum(RECEIVE_MAXIMUM),
        scheduler,
        new ReconnectingMqttClient.Handler() {
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

  @Override
  public void start() {
    mqtt.start();
  }

  @Override
  /** UP only once the subscription is in place: connected but not yet subscribed counts as CONNECTING. */
  public ConnectorState state() {
    ConnectorState s = mqtt.state();
    return s == ConnectorState.UP && !subscribed ? ConnectorState.CONNECTING : s;
  }

  /** Messages received whose outcome is not yet durable (not yet acknowledged to the broker). */
  public long pendingAcks() {
    return unacked.sum();
  }

  /** For tests: drop the connection as a network failure would. */
  public void dropConnection() {
    mqtt.dropConnection();
  }

  private void subscribe(MqttAsyncClient client) {
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.campusFilter(campus), 1)}, null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              subscribed = true;
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              LOG.error("campus {}: subscribe refused, reconnecting: {}", campus, String.valueOf(failure));
              mqtt.dropConnection();
            }
          }, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("campus {}: subscribe failed, reconnecting: {}", campus, e.toString());
      mqtt.dropConnection();
    }
  }

  private void onMessage(String topic, MqttMessage message) {
    int id = message.getId();
    int qos = message.getQos();
    unacked.increment();
    CompletableFuture<IngestOutcome> outcome;
    try {
      outcome = pipeline.ingest(topic, message.getPayload());
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenCompleteAsync((result, failure) -> {
      unacked.decrement();
      if (failure != null) {
        // Not acknowledged: the broker keeps the message and delivers it again after the next connect.
        LOG.error("campus {}: message on {} not stored, left unacknowledged for redelivery", campus, topic, failure);
        return;
      }
      if (qos > 0) {
        try {
          mqtt.client().messageArrivedComplete(id, qos);
        } catch (MqttException | RuntimeException e) {
          LOG.warn("campus {}: ack of message {} failed ({}); the broker will deliver it again", campus, id, e.toString());
        }
      }
    }, acker);
  }

  @Override
  public void close() {
    mqtt.close();
    acker.shutdown();
    try {
      acker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
