package io.campusguard.hub.ingest;

import io.campusguard.devices.Topics;
import io.campusguard.runtime.net.NoDelaySocketFactory;
import io.campusguard.runtime.tls.TlsMaterial;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import io.campusguard.hub.logging.FloodedWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT sessions on the county broker (Paho v5). Events arrive through a shared subscription (hub
 * instances split them), status messages through a plain one (every hub sees every heartbeat). Alarm batches
 * ({@code county/+/alarms}, P0 only) arrive on a second session of their own, so a pressed panic button never
 * queues behind the telemetry already in flight to this hub: the broker keeps one in-flight window per session.
 * Messages are handed to the hub's Vert.x context; they are acknowledged to the broker only when the handler's
 * future completes, so each session's in-flight window is the back-pressure. Paho calls that may wait
 * (publish, ack) run on this connection's own thread, never on an event loop.
 */
public final class CountyConnection {
  private static final Logger LOG = LoggerFactory.getLogger(CountyConnection.class);
  // One line per kind and 10 s when they come in floods (a hub stopping under load, the broker gone).
  private final FloodedWarnings warnings = new FloodedWarnings(LOG);

  /** What the hub does with one message; the future completes when the message may be acknowledged. */
  public interface Handler {
    Future<Void> handle(String topic, byte[] payload);
  }

  private final MqttConfig config;
  private final Context context;
  private final Handler events;
  private final Handler status;
  private final ExecutorService pahoCalls;
  private MqttAsyncClient client;
  private MqttAsyncClient alarmClient;
  private final BoundedPublisher acks;
  private final BoundedPublisher alarmAcks;

  public CountyConnection(MqttConfig config, Context context, Handler events, Handler status) {
    this.config = config;
    this.context = context;
    this.events = events;
    this.status = status;
    this.acks = new BoundedPublisher(() -> client, this::onPahoThread, ACK_WINDOW);
    this.alarmAcks = new BoundedPublisher(() -> alarmClient, this::onPahoThread, ACK_WINDOW);
    this.pahoCalls = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "county-mqtt-" + config.clientId());
      t.setDaemon(true);
      return t;
    });
  }

  public String eventsFilter() {
    return filter(Topics.CountyChannel.EVENTS);
  }

  public String alarmsFilter() {
    return filter(Topics.CountyChannel.ALARMS);
  }

  private String filter(Topics.CountyChannel channel) {
    return config.sharedGroup() == null ? Topics.anyCampus(channel) : Topics.countySharedFilter(config.sharedGroup(), channel);
  }

  /** The alarm session's client id: the main one's with a suffix, so two hubs' ids still differ. */
  public String alarmClientId() {
    return config.clientId() + "-p0";
  }

  public static String statusFilter() {
    return Topics.anyCampus(Topics.CountyChannel.STATUS);
  }

  /** Connects both sessions and subscribes; succeeds when every subscription is granted. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    pahoCalls.execute(() -> {
      try {
        client = open(config.clientId());
        subscribe(client, mainSubscriptions());
        alarmClient = open(alarmClientId());
        subscribe(alarmClient, alarmSubscriptions());
        LOG.info("county broker {} connected as {}, events via {}, alarms via {}", config.url(), config.clientId(), eventsFilter(),
            alarmsFilter());
        started.complete();
      } catch (MqttException | RuntimeException e) {
        started.fail(e);
      }
    });
    return started.future();
  }

  private MqttSubscription[] mainSubscriptions() {
    return new MqttSubscription[] {new MqttSubscription(eventsFilter(), 1), new MqttSubscription(statusFilter(), 1)};
  }

  private MqttSubscription[] alarmSubscriptions() {
    return new MqttSubscription[] {new MqttSubscription(alarmsFilter(), 1)};
  }

  private MqttAsyncClient open(String clientId) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(config.url(), clientId, new MemoryPersistence());
    c.setManualAcks(true);
    c.setCallback(new Callback(c, clientId.equals(config.clientId()) ? this::mainSubscriptions : this::alarmSubscriptions));
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 16);
    options.setKeepAliveInterval(10);
    options.setReceiveMaximum(config.receiveMaximum());
    if (config.url().startsWith("tcp://")) {
      options.setSocketFactory(new NoDelaySocketFactory());
    } else {
      // TLS 1.3/1.2 trusting mqtt.tls.caFile, and the broker's host name checked against its certificate.
      options.setSocketFactory(TlsMaterial.clientSocketFactory(config.tls()));
      options.setHttpsHostnameVerificationEnabled(true);
    }
    if (config.user() != null) {
      options.setUserName(config.user());
    }
    if (config.password() != null) {
      options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
    c.connect(options).waitForCompletion(30_000);
    return c;
  }

  // Called on the Paho thread at start and after every automatic reconnect (clean start forgets subscriptions).
  private static void subscribe(MqttAsyncClient c, MqttSubscription[] subscriptions) throws MqttException {
    IMqttToken token = c.subscribe(subscriptions);
    token.waitForCompletion(30_000);
    for (int code : token.getReasonCodes()) {
      if (code >= 0x80) {
        throw new MqttException(code);
      }
    }
  }

  /**
   * Publishes at QoS 1 on the main session; succeeds when the broker has the message. Publishes beyond the
   * session's window wait their turn instead of being refused.
   */
  public Future<Void> publish(String topic, byte[] payload) {
    return acks.publish(topic, payload);
  }

  /** As {@link #publish}, on the alarm session: a P0 batch's commit ack never queues behind telemetry acks. */
  public Future<Void> publishUrgent(String topic, byte[] payload) {
    return alarmAcks.publish(topic, payload);
  }

  /** Commit acks waiting for a slot in either session's window. */
  public int queuedPublishes() {
    return acks.queued() + alarmAcks.queued();
  }

  // Below Mosquitto's default receive maximum (20), so Paho rarely has to refuse one.
  private static final int ACK_WINDOW = 16;

  private void onPahoThread(Runnable r) {
    try {
      pahoCalls.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("county connection stopped; publish step dropped");
    }
  }

  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    pahoCalls.execute(() -> {
      close(alarmClient);
      close(client);
      stopped.complete();
    });
    return stopped.future().onComplete(v -> pahoCalls.shutdown());
  }

  private static void close(MqttAsyncClient c) {
    if (c == null) {
      return;
    }
    try {
      if (c.isConnected()) {
        c.disconnect(2_000).waitForCompletion(3_000);
      }
      c.close(true);
    } catch (MqttException e) {
      LOG.debug("county broker disconnect: {}", e.toString());
    }
  }

  private void complete(MqttAsyncClient c, MqttMessage message) {
    // Through the guard: a handler finishing after stop() must not raise on the shut executor (the broker redelivers).
    onPahoThread(() -> {
      try {
        c.messageArrivedComplete(message.getId(), message.getQos());
      } catch (MqttException | RuntimeException e) {
        LOG.debug("ack of message {} failed (connection gone; the broker redelivers): {}", message.getId(), e.toString());
      }
    });
  }

  /** Paho's global callback: a per-subscription listener on a $share filter receives nothing. */
  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;
    private final java.util.function.Supplier<MqttSubscription[]> subscriptions;

    Callback(MqttAsyncClient owner, java.util.function.Supplier<MqttSubscription[]> subscriptions) {
      this.owner = owner;
      this.subscriptions = subscriptions;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Handler handler = topic.endsWith("/" + Topics.CountyChannel.STATUS.wireName()) ? status : events;
      byte[] payload = message.getPayload();
      context.runOnContext(v -> {
        Future<Void> handled;
        try {
          handled = handler.handle(topic, payload);
        } catch (RuntimeException e) {
          handled = Future.failedFuture(e);
        }
        handled.onComplete(done -> {
          if (done.failed()) {
            warnings.warn("message not handled", "message on {} not handled: {}", topic, done.cause().toString());
          }
          complete(owner, message);
        });
      });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      if (reconnect) {
        (owner == alarmClient ? alarmAcks : acks).sessionRenewed();
        pahoCalls.execute(() -> {
          try {
            subscribe(owner, subscriptions.get());
            LOG.info("county broker session {} reconnected, subscriptions renewed", owner.getClientId());
          } catch (MqttException e) {
            LOG.error("county broker resubscribe failed: {}", e.toString());
          }
        });
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("county broker connection lost: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("county broker error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

}
