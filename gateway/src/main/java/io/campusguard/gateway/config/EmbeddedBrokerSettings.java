package io.campusguard.gateway.config;

import io.campusguard.broker.TlsListenerSettings;
import io.campusguard.runtime.tls.PlaintextLinks;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The campus broker the gateway runs itself when {@code campusBroker.url} is not set:
 *
 * <pre>
 * embeddedBroker:
 *   bindAddress: 192.168.10.2          # plaintext on a LAN address needs allowPlaintext: true
 *   allowPlaintext: true
 *   deviceAccounts: /etc/campusguard/LP-017/devices   # lines "deviceId bcrypt-hash"; devices log in as themselves
 *   tls: { port: 8883, certFile: campus-broker.pem, keyFile: campus-broker.key }
 * </pre>
 *
 * @param bindAddress where devices connect (the plain listener); loopback by default, the campus LAN address in production
 * @param port default {@value #DEFAULT_PORT}; 0 picks a free port
 * @param dataDir sessions and queues; default {@code data/{campus}/campus-broker}
 * @param allowPlaintext lets the plain listener bind a non-loopback address (devices that cannot do TLS)
 * @param deviceAccounts the devices allowed to connect, each with its own password (username = device id), each
 *     allowed to publish only its own reports; required when a listener binds a non-loopback address; left out (on
 *     loopback only), any client on the listener may publish anything
 * @param tls a TLS listener besides the plain one
 */
public record EmbeddedBrokerSettings(
    String bindAddress, Integer port, String dataDir, Boolean allowPlaintext, String deviceAccounts, TlsListenerSettings tls) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 1883;

  public EmbeddedBrokerSettings {
    bindAddress = bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
    port = port == null ? DEFAULT_PORT : port;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("embeddedBroker.port: outside 0..65535");
    }
    if (deviceAccounts != null && deviceAccounts.isBlank()) {
      throw new IllegalArgumentException("embeddedBroker.deviceAccounts: blank (leave it out for a broker open to every client)");
    }
    if (deviceAccounts == null) {
      // Without accounts any client that reaches the listener may publish a panic for any device of the campus.
      String exposed = !PlaintextLinks.isLoopback(bindAddress) ? bindAddress
          : tls != null && !PlaintextLinks.isLoopback(tls.bindAddress()) ? tls.bindAddress() : null;
      if (exposed != null) {
        throw new IllegalArgumentException("embeddedBroker.deviceAccounts: required when the campus broker listens on "
            + exposed + " (not loopback); lines \"deviceId bcrypt-hash\", one per device");
      }
    }
  }

  public EmbeddedBrokerSettings(String bindAddress, Integer port, String dataDir) {
    this(bindAddress, port, dataDir, null, null, null);
  }

  public Path dataDir(String campus) {
    return Path.of(dataDir == null ? "data/" + campus + "/campus-broker" : dataDir);
  }

  /**
   * The plain listener's warning for the start log; refuses a non-loopback address without
   * {@code allowPlaintext} ({@code bindAddress: …}).
   */
  public Optional<String> plaintextWarning() {
    return PlaintextLinks.checkListener(bindAddress, Boolean.TRUE.equals(allowPlaintext));
  }
}
