package io.campusguard.broker;

import io.campusguard.broker.access.ClientAccess;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an embedded broker listens and keeps its state. Defaults are the named constants.
 *
 * @param bindAddress the listener's address; loopback unless devices on the LAN must reach it
 * @param port the listener's port; 0 picks a free one (reported by {@link EmbeddedMqttBroker#port()})
 * @param dataDir where the broker keeps sessions and queued messages; its config is written under it too
 * @param maxQueueSize messages queued per offline or slow client; sized for bursts (HiveMQ's 1000 with
 *     "discard" dropped about 30 % of a 5,000-message burst)
 * @param serverReceiveMaximum QoS 1 publishes a client may have in flight towards the broker
 * @param persistent file persistence (sessions survive a restart) or in memory
 * @param access accounts and topic policy to enforce (the county broker's gateways and hubs, or a campus
 *     broker's devices); null accepts every client on every topic, which is only for the one-box demo on loopback
 * @param tls a TLS listener besides the plain one; null for none
 */
public record BrokerSettings(
    String bindAddress, int port, Path dataDir, long maxQueueSize, int serverReceiveMaximum, boolean persistent,
    ClientAccess access, TlsListener tls) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final long DEFAULT_MAX_QUEUE_SIZE = 100_000;
  public static final int DEFAULT_SERVER_RECEIVE_MAXIMUM = 1_000;

  public BrokerSettings {
    Objects.requireNonNull(bindAddress, "bindAddress: required");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: outside 0..65535");
    }
    Objects.requireNonNull(dataDir, "dataDir: required");
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("maxQueueSize: must be at least 1");
    }
    if (serverReceiveMaximum < 1 || serverReceiveMaximum > 65535) {
      throw new IllegalArgumentException("serverReceiveMaximum: outside 1..65535");
    }
  }

  /** Settings without access control. */
  public BrokerSettings(String bindAddress, int port, Path dataDir, long maxQueueSize, int serverReceiveMaximum, boolean persistent) {
    this(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, null, null);
  }

  /** Settings without a TLS listener. */
  public BrokerSettings(
      String bindAddress, int port, Path dataDir, long maxQueueSize, int serverReceiveMaximum, boolean persistent, ClientAccess access) {
    this(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, null);
  }

  /** These settings, enforcing {@code access}. */
  public BrokerSettings withAccess(ClientAccess access) {
    return new BrokerSettings(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls);
  }

  /** These settings with a TLS listener (null: none). */
  public BrokerSettings withTls(TlsListener tls) {
    return new BrokerSettings(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls);
  }

  /** Loopback, the given port and folder, queues sized for bursts, persistent. */
  public static BrokerSettings of(int port, Path dataDir) {
    return new BrokerSettings(DEFAULT_BIND_ADDRESS, port, dataDir, DEFAULT_MAX_QUEUE_SIZE, DEFAULT_SERVER_RECEIVE_MAXIMUM, true);
  }
}
