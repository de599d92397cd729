package io.campusguard.gateway.mqtt;

import io.campusguard.devices.EventKind;
import io.campusguard.devices.Topics;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.ingest.IngestOutcome;
import io.campusguard.gateway.connector.DeviceInbox;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the campus's devices from an external campus broker (Mosquitto in CI): subscribes at QoS 1 in
 * persistent sessions with manual acks, and acknowledges each message to the broker only after the ingest
 * pipeline made its outcome durable. Until then the broker keeps the message and delivers it again after a
 * reconnect, so a crash between receipt and outbox loses nothing.
 *
 * <p>Two sessions: one for {@code campus/{campusId}/#}, and one of its own (client id {@code …-p0}) for the
 * panic buttons' {@code campus/{campusId}/panic/#}. A broker delivers one subscription's messages in order, so
 * with one session a panic press would wait behind every reading queued before it; its own session gives it
 * its own queue and in-flight window. The main session still receives panic presses too, and stores them
 * ({@link DeviceInbox#publishCopy}: no rules, no dead letter, no counting), because a queue its session holds
 * from before the panic session existed must not be lost; a copy has the same event id and collapses in the
 * outbox, onto the stored event or its tombstone.
 *
 * <p>The broker's receive maximum bounds how many messages wait for the outbox at once: that is the
 * back-pressure. Acks are sent from one thread of our own, per session in the order the outbox completes them
 * (which is arrival order, as MQTT requires), never from the outbox's writer thread.
 */
public final class CampusMqttConnector implements CampusConnector {
  private static final Logger LOG = LoggerFactory.getLogger(CampusMqttConnector.class);
  /** How many unacknowledged messages the broker may send us at once, per session. */
  public static final int RECEIVE_MAXIMUM = 1_000;
  /** The panic session's client id is the main one's with this suffix. */
  public static final String PANIC_CLIENT_SUFFIX = "-p0";

  private final String campus;
  private final DeviceInbox inbox;
  private final ExecutorService acker;
  private final LongAdder unacked = new LongAdder();
  private final List<Session> sessions;

  public CampusMqttConnector(String campus, MqttEndpoint endpoint, DeviceInbox inbox, ScheduledExecutorService scheduler)
      throws MqttException {
    this.campus = campus;
    this.inbox = inbox;
    this.acker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "campus-acker-" + campus);
      t.setDaemon(true);
      return t;
    });
    String panicFilter = "campus/" + campus + "/" + EventKind.PANIC.wireName() + "/#";
    String panicPrefix = panicFilter.substring(0, panicFilter.length() - 1);
    this.sessions = List.of(
        new Session("campus-broker " + campus + " panic", endpoint.withClientId(endpoint.clientId() + PANIC_CLIENT_SUFFIX),
            panicFilter, topic -> false, scheduler),
        new Session("campus-broker " + campus, endpoint, Topics.campusFilter(campus), topic -> topic.startsWith(panicPrefix), scheduler));
  }

  @Override
  public void start() {
    sessions.forEach(s -> s.mqtt.start());
  }

  /** UP once both sessions are subscribed; DOWN when both are down; otherwise CONNECTING. */
  @Override
  public ConnectorState state() {
    long up = sessions.stream().filter(s -> s.mqtt.state() == ConnectorState.UP && s.subscribed).count();
    long down = sessions.stream().filter(s -> s.mqtt.state() == ConnectorState.DOWN).count();
    return up == sessions.size() ? ConnectorState.UP : down == sessions.size() ? ConnectorState.DOWN : ConnectorState.CONNECTING;
  }

  @Override
  public java.util.Map<String, Long> counters() {
    return java.util.Map.of("pending_acks", unacked.sum());
  }

  /** Messages received whose outcome is not yet durable (not yet acknowledged to the broker). */
  public long pendingAcks() {
    return unacked.sum();
  }

  /** For tests: drop the connections as a network failure would. */
  public void dropConnection() {
    sessions.forEach(s -> s.mqtt.dropConnection());
  }

  @Override
  public void close() {
    sessions.forEach(s -> s.mqtt.close());
    acker.shutdown();
    try {
      acker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One persistent session with one subscription, acking what the pipeline made durable. */
  private final class Session {
    final String filter;
    /** Topics another session delivers in full: here only stored, as {@link DeviceInbox#publishCopy}. */
    final java.util.function.Predicate<String> copyOnly;
    final ReconnectingMqttClient mqtt;
    volatile boolean subscribed;

    Session(String name, MqttEndpoint endpoint, String filter, java.util.function.Predicate<String> copyOnly,
        ScheduledExecutorService scheduler) throws MqttException {
      this.filter = filter;
      this.copyOnly = copyOnly;
      this.mqtt = new ReconnectingMqttClient(
          name,
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

    private void subscribe(MqttAsyncClient client) {
      try {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                subscribed = true;
              }

              @Override
              public void onFailure(IMqttToken token, Throwable failure) {
                LOG.error("{}: subscribe to {} refused, reconnecting: {}", mqtt.name(), filter, String.valueOf(failure));
                mqtt.dropConnection();
              }
            }, new MqttProperties());
      } catch (MqttException e) {
        LOG.error("{}: subscribe to {} failed, reconnecting: {}", mqtt.name(), filter, e.toString());
        mqtt.dropConnection();
      }
    }

    private void onMessage(String topic, MqttMessage message) {
      int id = message.getId();
      int qos = message.getQos();
      unacked.increment();
      CompletableFuture<IngestOutcome> outcome;
      try {
        outcome = copyOnly.test(topic) ? inbox.publishCopy(topic, message.getPayload()) : inbox.publish(topic, message.getPayload());
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
  }
}
