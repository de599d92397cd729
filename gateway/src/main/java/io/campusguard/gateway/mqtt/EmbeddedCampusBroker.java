package io.campusguard.gateway.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import io.campusguard.broker.access.AccessRefusal;
import io.campusguard.broker.access.AuthorizedPublishes;
import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.CampusDeviceAccess;
import io.campusguard.broker.access.DeviceAccounts;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.config.EmbeddedBrokerSettings;
import io.campusguard.gateway.connector.DeviceInbox;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campus broker run by the gateway itself (HiveMQ CE embedded). Devices connect to it; every publish on
 * {@code campus/...} is ingested by an inbound-publish interceptor that holds the device's PUBACK until the
 * event is durable in the outbox. In this mode that interceptor is the only ingest path: the gateway has no
 * MQTT subscription of its own on the campus broker, so nothing is ingested twice.
 *
 * <p>With {@code deviceAccounts} only the listed devices get in, each with its own password and only on its own
 * topics ({@link CampusDeviceAccess}); HiveMQ runs inbound-publish interceptors before its authorizers, so the
 * ingest interceptor sits behind {@link AuthorizedPublishes} and never stores a refused publish. Refusals are
 * counted ({@link #refusals}) and logged as security warnings.
 *
 * <p>Limit: HiveMQ's extension services are static, so one JVM runs at most one embedded campus broker.
 */
public final class EmbeddedCampusBroker implements CampusConnector {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCampusBroker.class);
  private static final long START_TIMEOUT_S = 120;

  private final EmbeddedMqttBroker broker;
  private final CampusDeviceAccess access;
  private volatile ConnectorState state = ConnectorState.DOWN;

  /** A campus broker open to every client, without TLS (tests, loopback). */
  public EmbeddedCampusBroker(String campus, String bindAddress, int port, Path dataDir, DeviceInbox inbox) {
    this(campus, new EmbeddedBrokerSettings(bindAddress, port, dataDir.toString()), inbox);
  }

  /**
   * Reads the device accounts file when the settings name one (blocking: call at start, off any event loop).
   *
   * @throws IllegalArgumentException naming {@code embeddedBroker.deviceAccounts} or {@code embeddedBroker.tls.…}
   */
  public EmbeddedCampusBroker(String campus, EmbeddedBrokerSettings settings, DeviceInbox inbox) {
    this.access = settings.deviceAccounts() == null ? null : new CampusDeviceAccess(campus, readDevices(settings.deviceAccounts()),
        r -> LOG.warn("security: campus broker {} refused {} from client {} user {}{}: {}", campus, r.kind(), r.clientId(), r.username(),
            r.topic() == null ? "" : " on " + r.topic(), r.reason()));
    PublishInboundInterceptor ingest = new IngestingPublishInterceptor(inbox);
    PublishInboundInterceptor interceptor = access == null ? ingest : AuthorizedPublishes.guard(access, ingest);
    ExtensionMain extension = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor(interceptor));
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
    };
    BrokerSettings brokerSettings = new BrokerSettings(
        settings.bindAddress(), settings.port(), settings.dataDir(campus), BrokerSettings.DEFAULT_MAX_QUEUE_SIZE,
        BrokerSettings.DEFAULT_SERVER_RECEIVE_MAXIMUM, true, access, settings.tls() == null ? null : settings.tls().toListener(),
        BrokerSettings.CAMPUS_MAX_PACKET_SIZE);
    this.broker = new EmbeddedMqttBroker("campus-" + campus, brokerSettings, extension);
  }

  private static DeviceAccounts readDevices(String file) {
    try {
      return DeviceAccounts.read(Path.of(file), new BcryptPasswords());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("embeddedBroker.deviceAccounts: " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("embeddedBroker.deviceAccounts: cannot read " + file + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("embeddedBroker.deviceAccounts: " + e.getMessage(), e);
    }
  }

  /** Refusals of this kind since start; 0 for a broker open to every client. */
  public long refusals(AccessRefusal.Kind kind) {
    return access == null ? 0 : access.refusals(kind);
  }

  /** Devices the broker disconnected for a packet above its maximum size (the payload never reaches the gateway). */
  public long oversizedPackets() {
    return broker.oversizedPackets();
  }

  /** Refusals by kind ({@code connect}, {@code publish}, …) and oversized packets, for {@code /metrics}. */
  @Override
  public java.util.Map<String, Long> counters() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (AccessRefusal.Kind kind : AccessRefusal.Kind.values()) {
      out.put("refused_" + kind.name().toLowerCase(java.util.Locale.ROOT), refusals(kind));
    }
    out.put("oversized_packets", oversizedPackets());
    return out;
  }

  /** Refusals of every kind and oversized packets since start: device input the county should know about. */
  public long refusalsTotal() {
    long n = oversizedPackets();
    for (AccessRefusal.Kind kind : AccessRefusal.Kind.values()) {
      n += refusals(kind);
    }
    return n;
  }

  /** Whether devices must log in (device accounts configured). */
  public boolean devicesAuthenticate() {
    return access != null;
  }

  /** {@code ssl://host:port} of the TLS listener, or empty without one. */
  public Optional<String> tlsUrl(String host) {
    return Optional.ofNullable(broker.tlsUrl(host));
  }

  /** Starts the broker and waits until it accepts connections; call from a worker thread. */
  @Override
  public void start() throws Exception {
    state = ConnectorState.CONNECTING;
    try {
      broker.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw new IllegalArgumentException("embeddedBroker." + bad.getMessage(), bad); // a TLS file at fault
      }
      throw e;
    }
    state = ConnectorState.UP;
    LOG.info("embedded campus broker listening on {}{}{}", broker.url(), broker.tlsPort() == 0 ? "" : " and TLS port " + broker.tlsPort(),
        access == null ? " (devices do not authenticate: any client may publish)" : " (" + access.devices().size() + " device accounts)");
  }

  @Override
  public ConnectorState state() {
    return state;
  }

  /** Where devices connect. */
  public String url() {
    return broker.url();
  }

  @Override
  public void close() {
    state = ConnectorState.DOWN;
    try {
      broker.stop().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("embedded campus broker did not stop cleanly: {}", e.toString());
    }
  }
}
