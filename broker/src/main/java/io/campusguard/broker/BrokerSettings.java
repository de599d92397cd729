package io.campusguard.broker;

import io.campusguard.broker.access.ClientAccess;
import io.campusguard.devices.CodecLimits;
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
 * @param maxPacketSize the largest MQTT packet (bytes, header included) the broker accepts; a client sending a
 *     larger one is disconnected by the broker before the payload reaches any interceptor or codec
 */
public record BrokerSettings(
    String bindAddress, int port, Path dataDir, long maxQueueSize, int serverReceiveMaximum, boolean persistent,
    ClientAccess access, TlsListener tls, int maxPacketSize) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final long DEFAULT_MAX_QUEUE_SIZE = 100_000;
  public static final int DEFAULT_SERVER_RECEIVE_MAXIMUM = 1_000;
  /** Room for a packet's fixed header, topic and MQTT 5 properties above the codec's payload bound. */
  public static final int PACKET_OVERHEAD_BYTES = 16 * 1024;
  /** A county broker carries uplink batches: the codec's largest batch plus the packet's own bytes. */
  public static final int COUNTY_MAX_PACKET_SIZE = CodecLimits.DEFAULT_MAX_BATCH_BYTES + PACKET_OVERHEAD_BYTES;
  /** A campus broker carries single device reports: the codec's largest payload plus the packet's own bytes. */
  public static final int CAMPUS_MAX_PACKET_SIZE = CodecLimits.DEFAULT_MAX_PAYLOAD_BYTES + PACKET_OVERHEAD_BYTES;
  /** MQTT's own ceiling (a remaining length of 268,435,455 plus a 5-byte fixed header). */
  public static final int MQTT_MAX_PACKET_SIZE = 268_435_460;
  /** Below this no CONNECT with credentials and a will fits. */
  public static final int MIN_MAX_PACKET_SIZE = 1024;

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
    if (maxPacketSize < MIN_MAX_PACKET_SIZE || maxPacketSize > MQTT_MAX_PACKET_SIZE) {
      throw new IllegalArgumentException("maxPacketSize: outside " + MIN_MAX_PACKET_SIZE + ".." + MQTT_MAX_PACKET_SIZE + " bytes");
    }
  }

  /** Settings with the county broker's packet size limit ({@value #COUNTY_MAX_PACKET_SIZE} bytes). */
  public BrokerSettings(
      String bindAddress, int port, Path dataDir, long maxQueueSize, int serverReceiveMaximum, boolean persistent,
      ClientAccess access, TlsListener tls) {
    this(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls, COUNTY_MAX_PACKET_SIZE);
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
    return new BrokerSettings(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls, maxPacketSize);
  }

  /** These settings with another packet size limit (bytes). */
  public BrokerSettings withMaxPacketSize(int maxPacketSize) {
    return new BrokerSettings(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls, maxPacketSize);
  }

  /** These settings with a TLS listener (null: none). */
  public BrokerSettings withTls(TlsListener tls) {
    return new BrokerSettings(bindAddress, port, dataDir, maxQueueSize, serverReceiveMaximum, persistent, access, tls, maxPacketSize);
  }

  /** Loopback, the given port and folder, queues sized for bursts, persistent. */
  public static BrokerSettings of(int port, Path dataDir) {
    return new BrokerSettings(DEFAULT_BIND_ADDRESS, port, dataDir, DEFAULT_MAX_QUEUE_SIZE, DEFAULT_SERVER_RECEIVE_MAXIMUM, true);
  }
}
