package io.campusguard.gateway.mqtt;

import io.campusguard.runtime.net.Backoff;
import io.campusguard.runtime.net.NoDelaySocketFactory;
import io.campusguard.runtime.tls.TlsMaterial;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Paho v5 async client that keeps itself connected: a persistent session (cleanStart=false), TCP_NODELAY,
 * and its own reconnect loop with capped, jittered backoff (Paho's automatic reconnect has no jitter). An
 * {@code ssl://} endpoint connects with TLS 1.3/1.2, trusting its {@code tls.caFile} and checking the broker's host
 * name against its certificate; the TLS files are read here, so a missing one fails the construction.
 * Memory persistence: the outbox, not Paho, is our durable layer.
 *
 * <p>All callbacks of the {@link Handler} run on Paho's threads and must not block.
 */
public final class ReconnectingMqttClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingMqttClient.class);

  /** What the owner does with the connection; called on Paho's threads. */
  public interface Handler {
    /** After every successful connect (first or re-): subscribe here, announce yourself here. */
    void connected(MqttAsyncClient client, boolean sessionPresent);

    void messageArrived(String topic, MqttMessage message);

    /** The connection is gone; a reconnect is scheduled. */
    default void lost(String reason) {}
  }

  private final String name;
  private final MqttEndpoint endpoint;
  private final MqttConnectionOptions options;
  private final MqttAsyncClient client;
  private final ScheduledExecutorService scheduler;
  private final Handler handler;
  private final Backoff backoff;
  private final AtomicBoolean attemptPending = new AtomicBoolean();
  private volatile ConnectorState state = ConnectorState.DOWN;
  private volatile boolean closed;

  public ReconnectingMqttClient(
      String name,
      MqttEndpoint endpoint,
      Consumer<MqttConnectionOptions> customise,
      ScheduledExecutorService scheduler,
      Handler handler) throws MqttException {
    this.name = name;
    this.endpoint = endpoint;
    this.scheduler = scheduler;
    this.handler = handler;
    this.backoff = new Backoff(endpoint.reconnectMin(), endpoint.reconnectMax(), new Random());
    this.client = new MqttAsyncClient(endpoint.url(), endpoint.clientId(), new MemoryPersistence());
    this.options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(endpoint.sessionExpiry().toSeconds());
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(20);
    if (endpoint.username() != null) {
      options.setUserName(endpoint.username());
    }
    if (endpoint.password() != null) {
      options.setPassword(endpoint.password().getBytes(StandardCharsets.UTF_8));
    }
    if (endpoint.isPlainTcp()) {
      options.setSocketFactory(new NoDelaySocketFactory());
    } else {
      try {
        options.setSocketFactory(TlsMaterial.clientSocketFactory(endpoint.tls()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tls." + e.getMessage(), e);
      }
      options.setHttpsHostnameVerificationEnabled(true);
    }
    customise.accept(options);
    client.setCallback(new Callback());
  }

  /** Starts connecting; returns at once. */
  public void start() {
    attempt();
  }

  public ConnectorState state() {
    return state;
  }

  /** The Paho client, for publishing and acking; only usable while {@link #state()} is UP. */
  public MqttAsyncClient client() {
    return client;
  }

  public String name() {
    return name;
  }

  private void attempt() {
    if (closed) {
      return;
    }
    attemptPending.set(false);
    state = ConnectorState.CONNECTING;
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          state = ConnectorState.UP;
          backoff.reset();
          LOG.info("{}: connected to {} as {} (session present: {})", name, endpoint.url(), endpoint.clientId(), token.getSessionPresent());
          try {
            handler.connected(client, token.getSessionPresent());
          } catch (RuntimeException e) {
            LOG.error("{}: handling the connect failed", name, e);
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          if (isTlsFailure(failure)) {
            // Not a network blip: a wrong CA, host name or certificate stays wrong until the config is fixed.
            LOG.warn("{}: TLS to {} refused: {}", name, endpoint.url(), String.valueOf(failure.getCause()));
          } else {
            LOG.info("{}: cannot connect to {}: {}", name, endpoint.url(), String.valueOf(failure));
          }
          state = ConnectorState.DOWN;
          scheduleAttempt();
        }
      });
    } catch (MqttException | RuntimeException e) {
      LOG.info("{}: cannot connect to {}: {}", name, endpoint.url(), e.toString());
      state = ConnectorState.DOWN;
      scheduleAttempt();
    }
  }

  private static boolean isTlsFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  private void scheduleAttempt() {
    if (closed || !attemptPending.compareAndSet(false, true)) {
      return;
    }
    Duration delay = backoff.next();
    try {
      scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      attemptPending.set(false); // shutting down
    }
  }

  /** Drops the connection without a DISCONNECT (as a network failure would), then reconnects; for tests. */
  public void dropConnection() {
    try {
      client.disconnectForcibly(0, 1000, false);
    } catch (MqttException e) {
      LOG.debug("{}: forced disconnect: {}", name, e.toString());
    }
    state = ConnectorState.DOWN;
    handler.lost("dropped on purpose");
    scheduleAttempt();
  }

  /** Disconnects cleanly and releases the client; no reconnect after this. */
  @Override
  public void close() {
    closed = true;
    state = ConnectorState.DOWN;
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      LOG.debug("{}: disconnect: {}", name, e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("{}: close: {}", name, e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (closed) {
        return;
      }
      LOG.warn("{}: connection to {} lost: {}", name, endpoint.url(), response);
      state = ConnectorState.DOWN;
      try {
        handler.lost(String.valueOf(response));
      } catch (RuntimeException e) {
        LOG.error("{}: handling the loss failed", name, e);
      }
      scheduleAttempt();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("{}: MQTT error: {}", name, exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Never throw back into Paho: it would close the connection.
      try {
        handler.messageArrived(topic, message);
      } catch (RuntimeException e) {
        LOG.error("{}: handling a message on {} failed", name, topic, e);
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
